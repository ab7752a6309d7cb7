#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QProgressDialog;
class QWidget;

namespace Portolan::Supervisor {
class NetworkDiscovery;
}

namespace Portolan::Console {

// File → Attach to Running Nodes: asks for the nodes' control URLs, attaches to them
// without blocking the window, and writes what it found as a scenario file
// (Supervisor::AttachedScenarioFile) for the window to open.
class AttachFlow : public QObject
{
    Q_OBJECT
public:
    explicit AttachFlow(QWidget *dialogParent);
    ~AttachFlow() override;

    // Asks for the URLs (prefilled with the last ones) and starts attaching.
    void ask();
    // Starts attaching to these URLs; false (and failed()) when one is malformed.
    bool attach(const QStringList &controlUrls);
    bool isAttaching() const;

Q_SIGNALS:
    void networkReady(const QString &scenarioFile, const QStringList &warnings);
    void failed(const QString &message, const QStringList &warnings);

private:
    void onDiscovered();

    QWidget *m_dialogParent;
    std::unique_ptr<Supervisor::NetworkDiscovery> m_discovery;
    QPointer<QProgressDialog> m_progress;
    QStringList m_urls;
};

} // namespace Portolan::Console
