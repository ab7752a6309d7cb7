#pragma once

#include "wire/frames.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborValue>
#include <QList>

namespace Portolan::Test {

// Link-frame payloads built by hand in the layout docs/protocol.md documents, for the
// codec's and the view's tests: valid as they are; a test row breaks one field (with()).

inline QByteArray cbor(const QCborArray &array)
{
    return QCborValue(array).toCbor();
}

// A message frame from r1 to consumer store-3 at r2, around the given envelope array.
inline QCborArray messageArray(const QCborArray &envelope)
{
    using namespace Qt::Literals::StringLiterals;
    return {Wire::LinkProtocolVersion, 4, u"r1"_s, true, QCborArray{QCborArray{u"r2"_s, u"store-3"_s}}, envelope};
}

// An ack of message m-1 by store-3, routed to r1, accepted.
inline QCborArray ackArray()
{
    using namespace Qt::Literals::StringLiterals;
    return {Wire::LinkProtocolVersion, 5, QByteArray("m-1"), u"store-3"_s, u"r1"_s, 0};
}

// array with the element at path (indexes into nested arrays) replaced by value.
inline QCborArray with(QCborArray array, QList<qsizetype> path, const QCborValue &value)
{
    const qsizetype index = path.takeFirst();
    if (path.isEmpty())
        array[index] = value;
    else
        array[index] = with(array.at(index).toArray(), path, value);
    return array;
}

} // namespace Portolan::Test
