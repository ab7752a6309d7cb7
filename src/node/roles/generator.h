#pragma once

#include "node/roles/role.h"

#include <QList>

namespace Portolan::Node {

// Traffic at a rate: sends messages to one address, measures how they settle and counts
// the replies that come back. The generic load source of scenarios and benchmarks.
//
// Params: address (required); rate, messages per second (10; fractions allowed, 0 pauses);
// body (text, or a JSON object or list, sent as is) or else bodyBytes of padding (256); count, how many to send in all (0 = unlimited); key, the partitioning
// key, where "{n}" becomes the message's number (from 1); keys, how many distinct numbers
// "{n}" cycles through (0 = never repeats); replyTo (subscribed to, so replies come back
// here); method (header "Method"); startDelayMs (0); window, the most messages sent
// and not yet settled (DefaultWindow): beyond it the generator waits, as a NATS client
// with a bounded number of requests in flight, instead of queueing without bound.
class GeneratorRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void messageSettled(const Settlement &settlement) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

    // Settlement latency is measured over the newest this many accepted messages.
    static constexpr qsizetype LatencyWindowSize = 1024;
    static constexpr qint64 DefaultWindow = 20000;
    // One tick sends for at most this long (wall clock), then returns to the event loop
    // with the rest of its credit kept for the next tick: at rates beyond what the
    // process can send, the loop still flushes its sockets and answers the console.
    static constexpr qint64 MaxSendingMsPerTick = 20;

private:
    // The newest latency samples in a ring, for percentiles over a sliding window.
    class LatencyWindow
    {
    public:
        void add(qint64 ms);
        qsizetype size() const { return m_samples.size(); }
        qint64 percentile(double p) const;   // nearest rank; 0 when empty

    private:
        QList<qint64> m_samples;
        qsizetype m_next = 0;
    };

    bool readParams(const QJsonObject &params);
    void sendOne(qint64 nowMs);
    bool limitReached() const { return m_count > 0 && m_sent >= m_count; }

    RoleContext *m_context = nullptr;
    QString m_error;   // a param problem: the generator stays idle and telemetry says why

    QString m_address;
    QString m_replyTo;
    QString m_key;
    qint64 m_keys = 0;
    Wire::HeaderList m_headers;
    QByteArray m_body;   // built once, shared by every message
    double m_rate = 10;
    qint64 m_count = 0;
    qint64 m_startAtMs = 0;

    // Token bucket in "message-milliseconds": elapsed ms × rate; one message costs 1000.
    // Refilled by elapsed time, so ticks that come late are caught up, capped at one
    // second's worth so that a stalled process does not burst without bound; spent over
    // as many ticks as MaxSendingMsPerTick needs.
    double m_credit = 0;
    qint64 m_window = DefaultWindow;
    qint64 m_windowFull = 0;    // ticks that stopped sending because the window was full
    qint64 m_tickTimeouts = 0;  // ticks that stopped sending at MaxSendingMsPerTick
    qint64 m_lastRefillMs = 0;

    bool m_draining = false;
    bool m_doneAnnounced = false;

    qint64 m_sent = 0;
    qint64 m_accepted = 0;
    qint64 m_refused = 0;
    qint64 m_replies = 0;
    qint64 m_replyErrors = 0;   // replies whose Status is not 2xx
    // Messages sent and not yet settled. A count, not a table: the runtime reports each of
    // them settled exactly once, with its createdMs (our send time).
    qint64 m_inFlight = 0;
    LatencyWindow m_latency;
};

} // namespace Portolan::Node
