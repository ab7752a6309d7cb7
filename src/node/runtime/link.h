#pragma once

#include "wire/framecodec.h"
#include "wire/frames.h"
#include "wire/frameview.h"

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
    // Offered every frame of an established link before it is decoded (hellos included):
    // return true when the frame was handled from its payload alone, which then is not
    // decoded. A router forwards messages and acks from here (Wire::FrameView). The
    // payload is valid during the call only.
    virtual bool linkPayload(Link *link, QByteArrayView payload)
    {
        Q_UNUSED(link)
        Q_UNUSED(payload)
        return false;
    }
    virtual void linkBatchBegin(Link *link) { Q_UNUSED(link) }  // around the frames of one read
    virtual void linkBatchEnd(Link *link) { Q_UNUSED(link) }
    virtual void linkClosed(Link *link, const QString &reason) = 0; // once; the link deletes itself later
};

// One TCP connection speaking length-prefixed CBOR frames, dialled or accepted.
// Sends a hello first and then every hello interval. Declares the peer dead at once when
// the socket closes, or on a precise deadline when it falls silent: when the configured
// number of its hellos in a row are missed and nothing else has been heard for all but
// one of those intervals either (so a link busy with data is never declared dead for a
// hello stuck behind it, and a quiet one dies after exactly the configured intervals).
// Writes are batched: frames queued during one event-loop turn go out in one write.
// Reading can be paused, which pushes back on the peer through TCP (flow control).
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
    // Frames already encoded, as received: a message with its hop count one higher
    // (view.hopsPatchable() must hold), or any frame's payload as it is.
    void sendForwarded(const Wire::FrameView &message);
    void sendPayload(QByteArrayView payload);
    void sendFrame(const QByteArray &frame);   // complete: length prefix and payload
    void sendAck(QByteArrayView messageId, QStringView consumer, QStringView originRouter, Wire::AckStatus status);
    void close(const QString &reason);

    // Silent failure: keep the socket but drop all traffic both ways, so the peer can
    // only notice through missed hellos.
    void setSilent(bool silent);
    bool isSilent() const { return m_silent; }
    void setAddedLatency(int ms);   // delays our outgoing frames
    int addedLatency() const { return m_latencyMs; }

    // Flow control by credit. The owner takes a credit for every frame of the peer's it
    // keeps (e.g. a message it must see settled) and returns it when done. At the window
    // the link stops reading: the socket's bounded read buffer fills, the kernel's receive
    // window closes and the peer's writes stall, so back-pressure reaches the sender
    // through TCP. Reading resumes at half the window. When no credit at all came back for
    // MaxPauseMs, one read is taken regardless (a grace read), so a peer whose own acks
    // (which would return credit) sit behind its messages cannot deadlock the link.
    // Credits exceed the window only through grace reads.
    // A paused link is never declared dead for the silence it imposed.
    static constexpr int MaxPauseMs = 500;
    void setCreditWindow(qint32 window);   // 0 (the default): unlimited
    void takeCredit();
    void returnCredit();
    qint32 creditsTaken() const { return m_creditsTaken; }
    qint32 creditWindow() const { return m_creditWindow; }
    bool isReadPaused() const { return m_readPaused; }
    quint64 pauses() const { return m_pauses; }
    quint64 graceReads() const { return m_graceReads; }

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
    void readFrames();
    void onHelloTimer();
    void onDeadTimer();
    void setReadPaused(bool paused);
    void onPauseTimeout();
    void armDeadTimer();
    qint64 deadDeadlineMs() const;
    qint64 peerIntervalMs() const;
    void queued();
    void scheduleFlush();
    void flush();
    void writeNow(const QByteArray &bytes);
    void flushDelayed();
    void sendHello();
    bool kernelBytesWaiting() const;
    bool bytesWaiting() const;

    QPointer<QTcpSocket> m_socket;
    LinkHandler *m_handler;
    Wire::Hello m_ownHello;
    Wire::Hello m_peerHello;
    Wire::FrameDecoder m_decoder;
    quint32 m_deadIntervals;
    bool m_dialled;
    State m_state;
    bool m_silent = false;
    bool m_readPaused = false;
    bool m_graceRead = false;       // a read taken after MaxPauseMs despite the window
    qint32 m_creditWindow = 0;
    qint32 m_creditsTaken = 0;
    quint64 m_pauses = 0;
    quint64 m_graceReads = 0;
    bool m_creditReturnedWhilePaused = false;
    QTimer m_pauseTimer;
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
    QTimer m_deadTimer;             // single-shot, armed at the dead deadline
    QElapsedTimer m_clock;
    qint64 m_lastHeardMs = 0;       // any frame (or, before the hello, the connection)
    qint64 m_lastHelloMs = 0;
    qint64 m_deadArmedForMs = -1;   // deadline the dead timer is armed for
    quint64 m_framesIn = 0;
    quint64 m_framesOut = 0;
    quint64 m_bytesIn = 0;
    quint64 m_bytesOut = 0;
};

} // namespace Portolan::Node
