#pragma once

#include "wire/framecodec.h"
#include "wire/frames.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcLink)

namespace Portolan::Node {

class Link;

// Who a link reports to. Plain virtual calls rather than signals: every frame of every
// message passes through here, and a signal emission per frame costs measurably.
class LinkHandler
{
public:
    virtual ~LinkHandler() = default;
    virtual void linkEstablished(Link *link) = 0;              // the peer's first hello arrived
    virtual void linkFrame(Link *link, Wire::Frame &frame) = 0; // every frame but hellos
    virtual void linkBatchBegin(Link *link) { Q_UNUSED(link) }  // around the frames of one read
    virtual void linkBatchEnd(Link *link) { Q_UNUSED(link) }
    virtual void linkClosed(Link *link, const QString &reason) = 0; // once; the link deletes itself later
};

// One TCP connection speaking length-prefixed CBOR frames, dialled or accepted.
// Sends a hello first and then every hello interval; declares the peer dead after the
// configured number of intervals without any frame, or at once when the socket closes.
// Writes are batched: frames queued during one event-loop turn go out in one write.
class Link : public QObject
{
    Q_OBJECT
public:
    enum class State { Connecting, AwaitingHello, Up, Closed };

    // Takes ownership of socket, which is either connected (accepted) or connecting.
    Link(QTcpSocket *socket, LinkHandler *handler, const Wire::Hello &ownHello,
         quint32 deadIntervals, bool dialled, QObject *parent = nullptr);
    ~Link() override;

    void send(const Wire::Frame &frame);
    void close(const QString &reason);

    // Silent failure: keep the socket but drop all traffic both ways, so the peer can
    // only notice through missed hellos.
    void setSilent(bool silent);
    bool isSilent() const { return m_silent; }
    void setAddedLatency(int ms);   // delays our outgoing frames
    int addedLatency() const { return m_latencyMs; }

    State state() const { return m_state; }
    bool isUp() const { return m_state == State::Up; }
    bool isDialled() const { return m_dialled; }
    const Wire::Hello &peerHello() const { return m_peerHello; }
    QString peerId() const { return m_peerHello.nodeId; }
    Wire::NodeKind peerKind() const { return m_peerHello.kind; }
    QString remoteAddress() const;

    // Link terms the owner settles on (configured or proposed by the dialling side).
    qint32 cost = 1;
    QString provider;

    quint64 framesIn() const { return m_framesIn; }
    quint64 framesOut() const { return m_framesOut; }
    quint64 bytesIn() const { return m_bytesIn; }
    quint64 bytesOut() const { return m_bytesOut; }
    qsizetype pendingBytes() const;

private:
    void onConnected();
    void onReadyRead();
    void onHelloTimer();
    void scheduleFlush();
    void flush();
    void writeNow(const QByteArray &bytes);
    void flushDelayed();
    void sendHello();
    bool kernelBytesWaiting() const;

    QPointer<QTcpSocket> m_socket;
    LinkHandler *m_handler;
    Wire::Hello m_ownHello;
    Wire::Hello m_peerHello;
    Wire::FrameDecoder m_decoder;
    quint32 m_deadIntervals;
    bool m_dialled;
    State m_state;
    bool m_silent = false;
    bool m_flushScheduled = false;
    int m_latencyMs = 0;
    QByteArray m_out;
    struct Delayed
    {
        qint64 dueMs;
        QByteArray bytes;
    };
    QList<Delayed> m_delayed;
    QTimer m_delayTimer;
    QTimer m_helloTimer;
    QElapsedTimer m_clock;
    qint64 m_lastHeardMs = 0;
    qint64 m_lastTickMs = 0;
    quint64 m_framesIn = 0;
    quint64 m_framesOut = 0;
    quint64 m_bytesIn = 0;
    quint64 m_bytesOut = 0;
};

} // namespace Portolan::Node
