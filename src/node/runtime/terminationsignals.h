#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace Portolan::Node {

// Turns SIGTERM and SIGINT into a Qt signal (self-pipe), so the node leaves its event
// loop and closes its database and sockets cleanly instead of dying mid-write.
class TerminationSignals : public QObject
{
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace Portolan::Node
