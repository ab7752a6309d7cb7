#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Portolan::Wire {

// One header of a message: HTTP-style name and value. A list, not a map, because
// most messages carry none or two and a list of pairs costs no tree allocation.
using Header = std::pair<QString, QString>;
using HeaderList = QList<Header>;

// The message envelope of the design: everything an entity sends or receives.
// Routers read address, key, deadline and hops; the rest rides along.
struct Envelope
{
    QByteArray id;          // unique per message; consumers drop duplicates by it
    QByteArray requestId;   // correlation / trace id, carried through replies
    QString address;        // HTTP-like path, e.g. "/all-stores/inventory"
    QString replyTo;        // where answers go, an address; empty for none
    QString key;            // partitioning key for keyed distribution
    HeaderList headers;
    QByteArray body;
    qint64 createdMs = 0;   // ms since epoch at the sender
    qint64 deadlineMs = 0;  // "must be processed by", ms since epoch; 0 = none
    quint16 hops = 0;       // incremented by every router that forwards it
    bool trace = false;     // when set, every router appends itself to path
    QStringList path;       // the routers the message went through (trace only)

    QString header(QStringView name) const;
    void setHeader(const QString &name, const QString &value);

    friend bool operator==(const Envelope &, const Envelope &) = default;
};

} // namespace Portolan::Wire
