#include "node/roles/generator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "wire/frames.h"

#include <QElapsedTimer>
#include <QJsonValue>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

Q_LOGGING_CATEGORY(lcGenerator, "portolan.node.roles.generator")

const QString keyCounter = u"{n}"_s;

// Params come from hand-written scenario files: numbers may arrive as JSON numbers or
// as decimal strings. nullopt when the value is present but not a number.
std::optional<double> numberParam(const QJsonObject &params, const QString &name, double fallback)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return number;
    }
    return std::nullopt;
}

// A printable body of exactly `bytes` bytes.
QByteArray makeBody(qsizetype bytes)
{
    QByteArray body(bytes, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes; ++i)
        body[i] = char('a' + i % 26);
    return body;
}

bool isSuccessStatus(const QString &status)
{
    bool ok = false;
    const int code = status.toInt(&ok);
    return !ok || (code >= 200 && code < 300);   // no Status header: nothing says it failed
}

} // namespace

void GeneratorRole::LatencyWindow::add(qint64 ms)
{
    if (m_samples.size() < LatencyWindowSize) {
        m_samples.append(ms);
        return;
    }
    m_samples[m_next] = ms;
    m_next = (m_next + 1) % LatencyWindowSize;
}

qint64 GeneratorRole::LatencyWindow::percentile(double p) const
{
    if (m_samples.isEmpty())
        return 0;
    QList<qint64> sorted = m_samples;
    const qsizetype rank = qBound<qsizetype>(
        1, qsizetype(std::ceil(p / 100.0 * double(sorted.size()))), sorted.size());
    const auto nth = sorted.begin() + (rank - 1);
    std::nth_element(sorted.begin(), nth, sorted.end());
    return *nth;
}

QString GeneratorRole::name() const
{
    return u"generator"_s;
}

bool GeneratorRole::readParams(const QJsonObject &params)
{
    m_address = params.value(u"address"_s).toString();
    if (m_address.isEmpty()) {
        m_error = u"param \"address\" is required"_s;
        return false;
    }
    const std::optional<double> rate = numberParam(params, u"rate"_s, 10);
    const std::optional<double> bodyBytes = numberParam(params, u"bodyBytes"_s, 256);
    const std::optional<double> count = numberParam(params, u"count"_s, 0);
    const std::optional<double> keys = numberParam(params, u"keys"_s, 0);
    const std::optional<double> startDelay = numberParam(params, u"startDelayMs"_s, 0);
    const std::optional<double> window = numberParam(params, u"window"_s, double(DefaultWindow));
    const auto invalid = [](const std::optional<double> &v) { return !v || *v < 0 || !std::isfinite(*v); };
    for (const auto &[name, value] : {std::pair{u"rate"_s, rate}, {u"bodyBytes"_s, bodyBytes},
                                      {u"count"_s, count}, {u"keys"_s, keys},
                                      {u"startDelayMs"_s, startDelay}, {u"window"_s, window}}) {
        if (invalid(value)) {
            m_error = u"param \"%1\" must be a number >= 0"_s.arg(name);
            return false;
        }
    }
    if (*bodyBytes >= double(Wire::DefaultMaxFrameBytes)) {
        m_error = u"param \"bodyBytes\" must be below the frame limit of %1 bytes"_s
                      .arg(Wire::DefaultMaxFrameBytes);
        return false;
    }
    if (*window < 1) {
        m_error = u"param \"window\" must be a number >= 1"_s;
        return false;
    }
    m_rate = *rate;
    m_window = qint64(std::min(*window, double(std::numeric_limits<qint32>::max())));
    // A given body (text, or JSON for objects and lists) wins over padding of bodyBytes.
    const QJsonValue body = params.value(u"body"_s);
    if (body.isString())
        m_body = body.toString().toUtf8();
    else if (body.isObject())
        m_body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        m_body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else
        m_body = makeBody(qsizetype(*bodyBytes));
    m_count = qint64(*count);
    m_keys = qint64(*keys);
    m_startAtMs = m_context->nowMs() + qint64(*startDelay);
    m_key = params.value(u"key"_s).toString();
    m_replyTo = params.value(u"replyTo"_s).toString();
    const QString method = params.value(u"method"_s).toString();
    if (!method.isEmpty())
        m_headers.append({u"Method"_s, method});
    return true;
}

void GeneratorRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams(context.params())) {
        qCWarning(lcGenerator).noquote() << context.nodeId() << m_error;
        return;
    }
    m_lastRefillMs = m_startAtMs;
    if (!m_replyTo.isEmpty())
        context.subscribe(m_replyTo);
}

void GeneratorRole::handle(const Wire::Envelope &message)
{
    // Only replies reach a generator: it subscribes to nothing but its replyTo.
    ++m_replies;
    if (!isSuccessStatus(message.header(u"Status")))
        ++m_replyErrors;
}

void GeneratorRole::messageSettled(const Settlement &settlement)
{
    // Only what sendOne() sent counts: a message the console sent from this node does not.
    if (!settlement.sentByRole || !m_context || m_inFlight == 0)
        return;
    --m_inFlight;
    if (settlement.accepted) {
        ++m_accepted;
        // Refusals are left out: a give-up after a deadline says nothing about delivery time.
        m_latency.add(qMax<qint64>(0, m_context->nowMs() - settlement.createdMs));
    } else {
        ++m_refused;
    }
}

void GeneratorRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty() || m_draining || nowMs < m_startAtMs)
        return;
    if (limitReached())
        return;
    const qint64 elapsed = nowMs - m_lastRefillMs;
    if (elapsed > 0) {
        m_lastRefillMs = nowMs;
        m_credit = std::min(m_credit + double(elapsed) * m_rate, std::max(1000.0, m_rate * 1000.0));
    }
    QElapsedTimer busy;
    busy.start();
    for (qint64 n = 1; m_credit >= 1000.0 && !limitReached(); ++n) {
        if (m_inFlight >= m_window) {
            // Back-pressure: the credit stays (capped) for when settlements free room.
            ++m_windowFull;
            break;
        }
        // The clock is read every 64 messages: cheap, and fine-grained enough.
        if (n % 64 == 0 && busy.elapsed() >= MaxSendingMsPerTick) {
            ++m_tickTimeouts;
            break;
        }
        m_credit -= 1000.0;
        sendOne(nowMs);
    }
    if (limitReached() && !m_doneAnnounced) {
        m_doneAnnounced = true;
        m_context->emitEvent(u"generator-done"_s, {{u"address"_s, m_address}, {u"sent"_s, m_sent}});
    }
}

void GeneratorRole::sendOne(qint64 nowMs)
{
    ++m_sent;
    Wire::Envelope message;
    // The send time of the settlement latency: the tick's clock, read once per tick.
    message.createdMs = nowMs;
    message.address = m_address;
    message.replyTo = m_replyTo;
    message.body = m_body;
    message.headers = m_headers;
    if (!m_key.isEmpty()) {
        const qint64 n = m_keys > 0 ? (m_sent - 1) % m_keys + 1 : m_sent;
        message.key = m_key.contains(keyCounter) ? QString(m_key).replace(keyCounter, QString::number(n))
                                                 : m_key;
    }
    m_context->send(std::move(message));
    ++m_inFlight;
}

QJsonObject GeneratorRole::telemetry() const
{
    QJsonObject t{
        {u"address"_s, m_address},
        {u"rate"_s, m_rate},
        {u"sent"_s, m_sent},
        {u"accepted"_s, m_accepted},
        {u"refused"_s, m_refused},
        {u"inFlight"_s, m_inFlight},
        {u"window"_s, m_window},
        {u"windowFull"_s, m_windowFull},
        {u"tickTimeouts"_s, m_tickTimeouts},
        {u"replies"_s, m_replies},
        {u"replyErrors"_s, m_replyErrors},
        {u"latencyP50Ms"_s, m_latency.percentile(50)},
        {u"latencyP99Ms"_s, m_latency.percentile(99)},
        {u"latencySamples"_s, qint64(m_latency.size())},
        {u"done"_s, limitReached()},
    };
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool GeneratorRole::drain()
{
    // Stop sending; drained once everything sent has settled.
    m_draining = true;
    return m_inFlight == 0;
}

} // namespace Portolan::Node
