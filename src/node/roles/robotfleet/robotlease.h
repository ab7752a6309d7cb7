#pragma once

#include <QtGlobal>

namespace Portolan::Node::RobotFleet {

// A robot's permission to work, granted by the fleet manager: every answer to a heartbeat
// extends it to leaseMs after that heartbeat was *sent* (not answered), so a slow answer
// never stretches it. The fleet manager declares a robot gone only after hearing nothing
// for longer than the lease (heartbeatTimeoutMs > leaseMs), so by the time it hands a
// silent robot's job to another robot, the silent one has stopped working on it: a job
// is never worked on by two robots at once. (Robots and manager read clocks that agree
// to well within timeout − lease; on one host they are the same clock.)
class RobotLease
{
public:
    explicit RobotLease(qint64 durationMs = 2000) : m_durationMs(durationMs) {}

    qint64 durationMs() const { return m_durationMs; }
    void setDurationMs(qint64 ms) { m_durationMs = qMax<qint64>(0, ms); }

    // The manager answered a heartbeat sent at sentMs. Never shortens the lease.
    void renew(qint64 sentMs) { m_validUntilMs = qMax(m_validUntilMs, sentMs + m_durationMs); }
    void revoke() { m_validUntilMs = 0; }

    bool isValid(qint64 nowMs) const { return nowMs < m_validUntilMs; }
    qint64 validUntilMs() const { return m_validUntilMs; }

    // How much of the interval (fromMs, toMs] the lease covers: the work time a robot may
    // count for it. After a long stall (a frozen process, a dark network) only the part
    // before the lease ran out counts.
    qint64 coveredMs(qint64 fromMs, qint64 toMs) const { return qMax<qint64>(0, qMin(toMs, m_validUntilMs) - fromMs); }

private:
    qint64 m_durationMs;
    qint64 m_validUntilMs = 0;
};

} // namespace Portolan::Node::RobotFleet
