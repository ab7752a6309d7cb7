#pragma once

#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace Portolan::Node {

// A waiting room of the Milk Factory (seed 004): records that failed for a transient
// reason wait here for delayMs and are then sent back to the address in their
// "Return-To" header, to be tried again. Everything in one room waits the same time, so
// rooms with longer waits make the back-off (see MilkFactory::RetryRooms).
//
// A record whose "must be processed by" passes while it waits is not sent back: it is
// dropped, reported with an "expired" event like the runtime's, and its failure goes to
// the errors address (code DEADLINE_PASSED), so the originator knows at once and is left
// in a determinate state. Parked records are in the room's own database: a restarted room
// sends back what it held, when it is due.
//
// Params: address (required, e.g. "/waiting-room/1s"); delayMs (1000).
class WaitingRoomRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

private:
    struct Parked
    {
        QString id;            // the parked message's id
        QJsonObject record;    // the stored form, see waitingroom.cpp
        qint64 dueMs = 0;
        qint64 deadlineMs = 0;
        bool returning = false;   // sent back, not yet settled
    };

    void restore();
    void sendBack(Parked &parked, qint64 nowMs);
    void drop(const Parked &parked, qint64 nowMs);

    RoleContext *m_context = nullptr;
    QString m_error;
    QString m_address;
    qint64 m_delayMs = 1000;

    QList<Parked> m_parked;                 // in order of arrival, which is the order they are due
    QHash<QByteArray, QString> m_returns;   // message id of a record sent back -> parked id
    qint64 m_returned = 0;
    qint64 m_expired = 0;
    qint64 m_heldAgain = 0;
};

} // namespace Portolan::Node
