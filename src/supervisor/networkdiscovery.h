#pragma once

#include "scenario/attachednetwork.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

namespace Portolan::Supervisor {

class ControlClient;

// Attaches to running nodes by their control URLs and asks each who it is (the welcome)
// and what it is connected to (one telemetry snapshot), all at once, within a deadline.
// finished() reports the nodes that answered and, for the others, why not.
class NetworkDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit NetworkDiscovery(QObject *parent = nullptr);
    ~NetworkDiscovery() override;

    // Returns false (and says why) when a URL is malformed; nothing is started then.
    bool start(const QStringList &controlUrls, int timeoutMs, QString *error);
    bool isRunning() const { return !m_pending.empty(); }

    QList<Scenario::DiscoveredNode> nodes() const { return m_found; }
    QStringList problems() const { return m_problems; }

Q_SIGNALS:
    void finished();

private:
    struct Pending
    {
        Scenario::RemoteNode remote;
        QString url;
        std::unique_ptr<ControlClient> client;
    };

    void settle(ControlClient *client, const QString &problem);
    void giveUp();

    std::vector<Pending> m_pending;
    QList<Scenario::DiscoveredNode> m_found;
    QStringList m_problems;
    QTimer m_deadline;
};

} // namespace Portolan::Supervisor
