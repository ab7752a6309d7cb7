#include "node/runtime/link.h"

#include <QHostAddress>

#include <sys/ioctl.h>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcLink, "portolan.node.link")

namespace Portolan::Node {

namespace {

// Most the socket buffers ahead of us. Bounded, so that a paused link stops reading from
// the kernel and TCP's window pushes back on the peer; large enough that one read carries
// hundreds of frames.
constexpr qint64 ReadBufferBytes = 256 * 1024;

} // namespace

Link::Link(QTcpSocket *socket, LinkHandler *handler, const Wire::Hello &ownHello,
           quint32 deadIntervals, bool dialled, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_ownHello(ownHello)
    , m_deadIntervals(deadIntervals)
    , m_dialled(dialled)
    , m_state(socket->state() == QAbstractSocket::ConnectedState ? State::AwaitingHello : State::Connecting)
{
    socket->setParent(this);
    m_clock.start();
    m_helloTimer.setInterval(int(ownHello.helloIntervalMs));
    connect(&m_helloTimer, &QTimer::timeout, this, &Link::onHelloTimer);
    // Precise: a coarse timer may fire 5 % late, 15 ms on a 300 ms deadline.
    m_deadTimer.setSingleShot(true);
    m_deadTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_deadTimer, &QTimer::timeout, this, &Link::onDeadTimer);
    socket->setReadBufferSize(ReadBufferBytes);
    m_pauseTimer.setSingleShot(true);
    m_pauseTimer.setInterval(MaxPauseMs);
    connect(&m_pauseTimer, &QTimer::timeout, this, &Link::onPauseTimeout);
    m_delayTimer.setSingleShot(true);
    connect(&m_delayTimer, &QTimer::timeout, this, &Link::flushDelayed);

    connect(socket, &QTcpSocket::readyRead, this, &Link::onReadyRead);
    connect(socket, &QTcpSocket::connected, this, &Link::onConnected);
    connect(socket, &QTcpSocket::disconnected, this, [this] { close(u"socket closed by peer"_s); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket)
            close(m_socket->errorString());
    });
    if (m_state == State::AwaitingHello)
        QMetaObject::invokeMethod(this, &Link::onConnected, Qt::QueuedConnection);
}

Link::~Link() = default;

QString Link::remoteAddress() const
{
    if (!m_socket)
        return {};
    return u"%1:%2"_s.arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort());
}

qsizetype Link::pendingBytes() const
{
    return m_out.size() + (m_socket ? m_socket->bytesToWrite() : 0);
}

void Link::onConnected()
{
    if (m_state == State::Closed || !m_socket)
        return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_state = State::AwaitingHello;
    m_lastHeardMs = m_clock.elapsed();
    m_lastHelloMs = m_lastHeardMs;
    sendHello();
    m_helloTimer.start();
    armDeadTimer();
}

void Link::sendHello()
{
    if (m_latencyMs == 0 || m_state != State::Up || m_silent || !m_socket) {
        send(m_ownHello);
        return;
    }
    // Added latency makes a slow link, not a dead one: the hello goes out now, ahead of
    // the delayed data, so raising the latency does not leave the peer without a hello
    // for that long. (Up: our first hello is out already, so no frame overtakes it.)
    QByteArray bytes;
    Wire::appendFrame(bytes, Wire::Frame(m_ownHello));
    ++m_framesOut;
    writeNow(bytes);
}

void Link::onHelloTimer()
{
    if (m_state == State::Closed)
        return;
    sendHello();
}

qint64 Link::peerIntervalMs() const
{
    // The peer's interval decides how long we wait for it; before its hello, ours.
    const quint32 interval = m_state == State::Up && m_peerHello.helloIntervalMs > 0 ? m_peerHello.helloIntervalMs
                                                                                     : m_ownHello.helloIntervalMs;
    return qMax<qint64>(1, interval);
}

qint64 Link::deadDeadlineMs() const
{
    // Dead once the configured number of hellos in a row are overdue, unless other frames
    // came in since: then only after all but one of those intervals of complete silence.
    // A silent peer is noticed between (n - 1) and n intervals after it went quiet, never
    // later; a busy link whose hello sits behind its data is not declared dead.
    const qint64 interval = peerIntervalMs();
    const qint64 intervals = qint64(qMax<quint32>(1, m_deadIntervals));
    return qMax(m_lastHelloMs + interval * intervals, m_lastHeardMs + interval * qMax<qint64>(1, intervals - 1));
}

void Link::armDeadTimer()
{
    if (m_state == State::Closed || m_state == State::Connecting || m_silent)
        return;
    m_deadArmedForMs = deadDeadlineMs();
    m_deadTimer.start(int(qMax<qint64>(0, m_deadArmedForMs - m_clock.elapsed())));
}

void Link::onDeadTimer()
{
    if (m_state == State::Closed || m_silent)
        return;
    const qint64 now = m_clock.elapsed();
    const qint64 interval = peerIntervalMs();
    // Frames arriving do not touch the timer (that would cost a timer restart per read);
    // the deadline only moves later with them, so it is checked again when the timer fires.
    // Silence we caused ourselves is not the peer's death: when this process was starved
    // (the timer fired an interval late), the peer's bytes are already waiting, or we
    // stopped reading on purpose, it may well have spoken.
    if (now - m_deadArmedForMs > interval || m_readPaused || bytesWaiting()) {
        m_lastHeardMs = now;
        m_lastHelloMs = qMax(m_lastHelloMs, now - interval * qMax<qint64>(1, qint64(m_deadIntervals) - 1));
    }
    if (now >= deadDeadlineMs()) {
        close(u"no hello for %1 ms, nothing heard for %2 ms"_s.arg(now - m_lastHelloMs).arg(now - m_lastHeardMs));
        return;
    }
    armDeadTimer();
}

bool Link::bytesWaiting() const
{
    return (m_socket && m_socket->bytesAvailable() > 0) || kernelBytesWaiting();
}

bool Link::kernelBytesWaiting() const
{
    if (!m_socket || m_socket->socketDescriptor() < 0)
        return false;
    int waiting = 0;
    return ::ioctl(int(m_socket->socketDescriptor()), FIONREAD, &waiting) == 0 && waiting > 0;
}

void Link::onReadyRead()
{
    const QPointer<Link> guard(this);
    readFrames();
    if (!guard || !m_graceRead)
        return;
    m_graceRead = false;
    if (m_state != State::Closed && m_creditWindow > 0 && m_creditsTaken >= m_creditWindow)
        setReadPaused(true);
}

void Link::readFrames()
{
    if (!m_socket || m_readPaused)
        return;   // paused: the bytes stay in the socket's bounded buffer and the kernel
    if (m_silent || m_state == State::Closed) {
        m_socket->readAll();   // dropped: a silent link hears nothing
        return;
    }
    const qint64 now = m_clock.elapsed();
    // Straight into the decoder's buffer: no intermediate QByteArray per read.
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0) {
        char *dst = m_decoder.prepareAppend(qsizetype(available));
        const qint64 got = m_socket->read(dst, available);
        m_decoder.commitAppend(qsizetype(qMax<qint64>(0, got)));
        if (got > 0) {
            m_bytesIn += quint64(got);
            m_lastHeardMs = now;
        }
    }

    QPointer<Link> guard(this);
    bool batchOpen = false;
    Wire::Frame frame;
    for (;;) {
        if (m_readPaused)
            break;   // the handler asked for no more; the rest waits in the decoder
        QByteArrayView payload;
        const auto status = m_decoder.nextPayload(payload);
        if (status == Wire::FrameDecoder::Status::NeedMore)
            break;
        QString error;
        if (status == Wire::FrameDecoder::Status::Error) {
            error = m_decoder.errorString();
        } else if (m_state == State::Up) {
            if (!batchOpen) {
                m_handler->linkBatchBegin(this);
                batchOpen = true;
            }
            // Messages and acks a router forwards as they are: no decoding.
            if (m_handler->linkPayload(this, payload)) {
                if (!guard)
                    return;
                ++m_framesIn;
                if (m_state == State::Closed)
                    return;
                continue;
            }
            if (!guard || m_state == State::Closed)
                return;
        }
        if (error.isEmpty() && !Wire::decodePayload(payload, frame, &error) && error.isEmpty())
            error = u"malformed frame"_s;
        if (!error.isEmpty()) {
            qCWarning(lcLink).noquote() << "rejecting frame from" << (peerId().isEmpty() ? remoteAddress() : peerId())
                                        << "-" << error;
            if (batchOpen)
                m_handler->linkBatchEnd(this);
            close(u"bad frame: "_s + error);
            return;
        }
        ++m_framesIn;
        if (auto *hello = std::get_if<Wire::Hello>(&frame)) {
            m_lastHelloMs = now;
            if (m_state == State::Up) {
                if (hello->nodeId != m_peerHello.nodeId) {
                    close(u"peer changed its id from %1 to %2"_s.arg(m_peerHello.nodeId, hello->nodeId));
                    return;
                }
                if (m_peerHello.helloIntervalMs != hello->helloIntervalMs) {
                    m_peerHello.helloIntervalMs = hello->helloIntervalMs;
                    armDeadTimer();   // a shorter interval brings the deadline forward
                }
                continue;
            }
            m_peerHello = std::move(*hello);
            m_state = State::Up;
            if (!m_helloTimer.isActive())
                m_helloTimer.start();
            armDeadTimer();
            m_handler->linkEstablished(this);
            if (!guard || m_state != State::Up)
                return;
            continue;
        }
        if (m_state != State::Up) {
            qCWarning(lcLink).noquote() << "rejecting frame from" << remoteAddress() << "- a frame before the hello";
            close(u"frame before hello"_s);
            return;
        }
        if (!batchOpen) {
            m_handler->linkBatchBegin(this);
            batchOpen = true;
        }
        m_handler->linkFrame(this, frame);
        if (!guard || m_state == State::Closed)
            return;
    }
    if (batchOpen)
        m_handler->linkBatchEnd(this);
}

void Link::send(const Wire::Frame &frame)
{
    if (m_state == State::Closed || m_silent)
        return;
    Wire::appendFrame(m_out, frame);
    queued();
}

void Link::sendForwarded(const Wire::FrameView &message)
{
    if (m_state == State::Closed || m_silent)
        return;
    Wire::appendForwarded(m_out, message);
    queued();
}

void Link::sendPayload(QByteArrayView payload)
{
    if (m_state == State::Closed || m_silent)
        return;
    Wire::appendPayload(m_out, payload);
    queued();
}

void Link::sendFrame(const QByteArray &frame)
{
    if (m_state == State::Closed || m_silent)
        return;
    m_out.append(frame);
    queued();
}

void Link::sendAck(QByteArrayView messageId, QStringView consumer, QStringView originRouter, Wire::AckStatus status)
{
    if (m_state == State::Closed || m_silent)
        return;
    Wire::appendAck(m_out, messageId, consumer, originRouter, status);
    queued();
}

void Link::queued()
{
    ++m_framesOut;
    if (m_out.size() >= 256 * 1024)
        flush();
    else
        scheduleFlush();
}

void Link::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &Link::flush, Qt::QueuedConnection);
}

void Link::flush()
{
    m_flushScheduled = false;
    if (m_out.isEmpty() || m_state == State::Closed || m_state == State::Connecting || !m_socket)
        return;
    QByteArray bytes;
    bytes.swap(m_out);
    if (m_latencyMs > 0 || !m_delayed.isEmpty()) {
        m_delayed.append({m_clock.elapsed() + m_latencyMs, std::move(bytes)});
        if (!m_delayTimer.isActive())
            m_delayTimer.start(int(qMax<qint64>(0, m_delayed.constFirst().dueMs - m_clock.elapsed())));
        return;
    }
    writeNow(bytes);
    // The next batch is written into the same allocation when the socket kept no share of
    // it (it went to the kernel whole), instead of growing a new buffer from empty frame
    // by frame every turn. Only up to a modest size, so that one burst does not pin a
    // large buffer to an idle link.
    constexpr qsizetype KeptCapacity = 64 * 1024;
    if (m_out.isEmpty() && bytes.isDetached() && bytes.capacity() <= KeptCapacity) {
        bytes.resize(0);
        m_out.swap(bytes);
    }
}

void Link::writeNow(const QByteArray &bytes)
{
    m_bytesOut += quint64(bytes.size());
    m_socket->write(bytes);
    // A buffered socket would only arm its write notifier and send on the next turn of
    // the event loop, one more poll per batch; the batch is complete here (flush() runs
    // once per turn), so it goes to the kernel now. Whatever the kernel does not take
    // stays in the socket's buffer and the notifier sends it later.
    m_socket->flush();
}

void Link::flushDelayed()
{
    if (m_state == State::Closed || !m_socket)
        return;
    const qint64 now = m_clock.elapsed();
    while (!m_delayed.isEmpty() && m_delayed.constFirst().dueMs <= now)
        writeNow(m_delayed.takeFirst().bytes);
    if (!m_delayed.isEmpty())
        m_delayTimer.start(int(m_delayed.constFirst().dueMs - now));
}

void Link::setSilent(bool silent)
{
    m_silent = silent;
    if (silent) {
        m_out.clear();
        m_delayed.clear();
        m_deadTimer.stop();
    } else {
        m_lastHeardMs = m_clock.elapsed();
        m_lastHelloMs = m_lastHeardMs;
        armDeadTimer();
    }
}

void Link::setCreditWindow(qint32 window)
{
    m_creditWindow = qMax(0, window);
    if (m_readPaused && (m_creditWindow == 0 || m_creditsTaken <= m_creditWindow / 2))
        setReadPaused(false);
}

void Link::takeCredit()
{
    ++m_creditsTaken;
    // During a grace read the whole read is taken; the window is checked again after it.
    if (m_creditWindow > 0 && m_creditsTaken >= m_creditWindow && !m_graceRead)
        setReadPaused(true);
}

void Link::returnCredit()
{
    if (m_creditsTaken > 0)
        --m_creditsTaken;   // a credit taken on a link this one replaced is not counted
    m_creditReturnedWhilePaused = m_readPaused;
    if (m_readPaused && m_creditsTaken <= m_creditWindow / 2)
        setReadPaused(false);
}

void Link::onPauseTimeout()
{
    if (!m_readPaused || m_state == State::Closed)
        return;
    if (m_creditReturnedWhilePaused) {
        // Settlements are coming back, just slowly: keep waiting for half the window.
        m_creditReturnedWhilePaused = false;
        m_pauseTimer.start();
        return;
    }
    ++m_graceReads;
    m_graceRead = true;
    setReadPaused(false);
}

void Link::setReadPaused(bool paused)
{
    if (m_readPaused == paused)
        return;
    m_readPaused = paused;
    if (paused) {
        ++m_pauses;
        m_creditReturnedWhilePaused = false;
        m_pauseTimer.start();
        return;
    }
    m_pauseTimer.stop();
    if (m_state == State::Closed)
        return;
    // The silence while paused was ours: the peer's hellos are only now being read.
    m_lastHeardMs = m_clock.elapsed();
    m_lastHelloMs = m_lastHeardMs;
    // What arrived meanwhile raised no new readyRead: take it now, from the event loop,
    // not from inside the handler that resumed us.
    QMetaObject::invokeMethod(this, &Link::onReadyRead, Qt::QueuedConnection);
}

void Link::setAddedLatency(int ms)
{
    m_latencyMs = qMax(0, ms);
}

void Link::close(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_helloTimer.stop();
    m_deadTimer.stop();
    m_pauseTimer.stop();
    m_delayTimer.stop();
    m_out.clear();
    m_delayed.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    qCDebug(lcLink).noquote() << "link" << (peerId().isEmpty() ? remoteAddress() : peerId()) << "closed:" << reason;
    m_handler->linkClosed(this, reason);
    deleteLater();
}

} // namespace Portolan::Node
