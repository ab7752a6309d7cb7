#include "node/runtime/link.h"

#include <QHostAddress>

#include <sys/ioctl.h>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcLink, "portolan.node.link")

namespace Portolan::Node {

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
    m_lastTickMs = m_lastHeardMs;
    sendHello();
    m_helloTimer.start();
}

void Link::sendHello()
{
    send(m_ownHello);
}

void Link::onHelloTimer()
{
    if (m_state == State::Closed)
        return;
    // The peer's interval decides how long we wait for it; before its hello, ours.
    const qint64 interval = m_state == State::Up ? qint64(m_peerHello.helloIntervalMs)
                                                  : qint64(m_ownHello.helloIntervalMs);
    const qint64 now = m_clock.elapsed();
    const qint64 lateBy = now - m_lastTickMs - qint64(m_ownHello.helloIntervalMs);
    m_lastTickMs = now;
    // Silence we caused ourselves is not the peer's death: when this process was starved
    // (the timer fired late) or the peer's bytes are already waiting in the kernel, it spoke.
    if (lateBy > interval || kernelBytesWaiting())
        m_lastHeardMs = qMax(m_lastHeardMs, now - interval);
    if (!m_silent && now - m_lastHeardMs > interval * m_deadIntervals) {
        close(u"no hello for %1 ms"_s.arg(now - m_lastHeardMs));
        return;
    }
    sendHello();
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
    if (!m_socket)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (m_silent || m_state == State::Closed)
        return;
    m_bytesIn += quint64(bytes.size());
    m_lastHeardMs = m_clock.elapsed();
    m_decoder.append(bytes);

    QPointer<Link> guard(this);
    bool batchOpen = false;
    Wire::Frame frame;
    for (;;) {
        const auto status = m_decoder.next(frame);
        if (status == Wire::FrameDecoder::Status::NeedMore)
            break;
        if (status == Wire::FrameDecoder::Status::Error) {
            qCWarning(lcLink).noquote() << "rejecting frame from" << (peerId().isEmpty() ? remoteAddress() : peerId())
                                        << "-" << m_decoder.errorString();
            if (batchOpen)
                m_handler->linkBatchEnd(this);
            close(u"bad frame: "_s + m_decoder.errorString());
            return;
        }
        ++m_framesIn;
        if (auto *hello = std::get_if<Wire::Hello>(&frame)) {
            if (m_state == State::Up) {
                if (hello->nodeId != m_peerHello.nodeId) {
                    close(u"peer changed its id from %1 to %2"_s.arg(m_peerHello.nodeId, hello->nodeId));
                    return;
                }
                m_peerHello.helloIntervalMs = hello->helloIntervalMs;
                continue;
            }
            m_peerHello = std::move(*hello);
            m_state = State::Up;
            if (!m_helloTimer.isActive())
                m_helloTimer.start();
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
}

void Link::writeNow(const QByteArray &bytes)
{
    m_bytesOut += quint64(bytes.size());
    m_socket->write(bytes);
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
    } else {
        m_lastHeardMs = m_clock.elapsed();
    }
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
