#include "wire/messageidgenerator.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Portolan::Wire {

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

void toHex(quint64 value, char *out)
{
    for (int i = 15; i >= 0; --i) {
        out[i] = HexDigits[value & 0xf];
        value >>= 4;
    }
}

} // namespace

MessageIdGenerator::MessageIdGenerator()
    : MessageIdGenerator(QRandomGenerator::system()->generate64())
{
}

MessageIdGenerator::MessageIdGenerator(quint64 prefix)
{
    toHex(prefix, m_prefixHex.data());
}

QByteArray MessageIdGenerator::next()
{
    QByteArray id(IdLength, Qt::Uninitialized);
    char *data = id.data();
    std::copy(m_prefixHex.begin(), m_prefixHex.end(), data);
    toHex(++m_counter, data + 16);
    return id;
}

} // namespace Portolan::Wire
