#pragma once

#include <QByteArray>

#include <array>

namespace Portolan::Wire {

// Makes message ids that are unique without a random draw per message: a random 64-bit
// prefix drawn once per generator (per process, in practice) and a 64-bit counter, as
// 32 lowercase hex digits: the same size and alphabet as QUuid's Id128 form the ids
// had before, so logs, events and the console show them the same way. Unique across
// processes as long as two prefixes do not collide (2^-64 per pair).
//
// The counter is the low half and counts up: one sender's ids sort in send order, so
// a receiver's dedup index grows at its right edge instead of at a random place.
// QUuid::createUuid() draws 16 bytes from the system RNG (RDRAND on this machine) per
// message, a fifth of a generator's CPU at high rates.
class MessageIdGenerator
{
public:
    MessageIdGenerator();                     // random prefix from QRandomGenerator::system()
    explicit MessageIdGenerator(quint64 prefix);  // fixed prefix (tests)

    QByteArray next();

    static constexpr qsizetype IdLength = 32;

private:
    std::array<char, 16> m_prefixHex;
    quint64 m_counter = 0;
};

} // namespace Portolan::Wire
