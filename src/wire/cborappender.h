#pragma once

#include "wire/cbormajortype.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace Portolan::Wire {

// Appends CBOR items straight to a QByteArray. The frame codec's encoder: the link's
// output buffer grows in place, with no QIODevice (QBuffer is a QObject) and no
// QCborStreamWriter state machine per frame. It writes exactly what QCborStreamWriter
// writes for the same calls (shortest-form heads, definite lengths, text as UTF-8), so
// the two are interchangeable on the wire; the unit tests compare them byte for byte.
//
// Arrays are definite-length only: the caller states the element count up front and
// writes that many items; nothing checks it at run time (the frame layouts are fixed).
class CborAppender
{
public:
    explicit CborAppender(QByteArray &out)
        : m_out(out)
    {
    }

    void startArray(quint64 length) { appendHead(MajorArray, length); }
    // A definite-length array needs no end marker; kept so that writing code reads (and
    // nests) like QCborStreamWriter code.
    void endArray() {}
    void append(quint64 value) { appendHead(MajorUnsigned, value); }
    void append(qint64 value)
    {
        if (value >= 0)
            appendHead(MajorUnsigned, quint64(value));
        else
            appendHead(MajorNegative, quint64(-1 - value));
    }
    void append(int value) { append(qint64(value)); }
    void append(bool value) { m_out.append(char(value ? 0xf5 : 0xf4)); }
    void append(QByteArrayView bytes)
    {
        appendHead(MajorBytes, quint64(bytes.size()));
        m_out.append(bytes.data(), bytes.size());
    }
    void append(const QByteArray &bytes) { append(QByteArrayView(bytes)); }
    void append(QStringView text);
    void append(const QString &text) { append(QStringView(text)); }

private:
    void appendHead(CborMajorType major, quint64 value);

    QByteArray &m_out;
};

// Ensures out can take `size` more bytes without reallocating, growing geometrically: a
// link appends many frames to one buffer per event-loop turn, and reserving just enough
// for each would reallocate on every frame.
inline void reserveRoom(QByteArray &out, qsizetype size)
{
    const qsizetype need = out.size() + size;
    if (need > out.capacity())
        out.reserve(qMax(need, 2 * out.capacity()));
}

// Makes room for `size` more bytes at the end of out (reserveRoom) and returns where they
// begin.
inline char *appendRoom(QByteArray &out, qsizetype size)
{
    reserveRoom(out, size);
    const qsizetype at = out.size();
    out.resize(at + size);
    return out.data() + at;
}

} // namespace Portolan::Wire
