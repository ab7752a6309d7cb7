#include "wire/cborappender.h"

#include <QtEndian>

namespace Portolan::Wire {

void CborAppender::appendHead(CborMajorType major, quint64 value)
{
    const char type = char(major << 5);
    if (value < 24) {
        m_out.append(char(type | char(value)));
        return;
    }
    char head[9];
    qsizetype size = 0;
    if (value <= 0xff) {
        head[0] = char(type | 24);
        head[1] = char(value);
        size = 2;
    } else if (value <= 0xffff) {
        head[0] = char(type | 25);
        qToBigEndian(quint16(value), head + 1);
        size = 3;
    } else if (value <= 0xffffffffULL) {
        head[0] = char(type | 26);
        qToBigEndian(quint32(value), head + 1);
        size = 5;
    } else {
        head[0] = char(type | 27);
        qToBigEndian(value, head + 1);
        size = 9;
    }
    m_out.append(head, size);
}

void CborAppender::append(QStringView text)
{
    // Addresses, node ids and header names are ASCII: their UTF-8 is one byte per
    // UTF-16 unit, written without a temporary QByteArray.
    const char16_t *units = text.utf16();
    const qsizetype length = text.size();
    bool ascii = true;
    for (qsizetype i = 0; i < length; ++i) {
        if (units[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (!ascii) {
        const QByteArray utf8 = text.toUtf8();
        appendHead(MajorText, quint64(utf8.size()));
        m_out.append(utf8);
        return;
    }
    appendHead(MajorText, quint64(length));
    const qsizetype at = m_out.size();
    m_out.resize(at + length);
    char *dst = m_out.data() + at;
    for (qsizetype i = 0; i < length; ++i)
        dst[i] = char(units[i]);
}

} // namespace Portolan::Wire
