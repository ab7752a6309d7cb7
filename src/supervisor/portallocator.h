#pragma once

#include <QHostAddress>
#include <QSet>

namespace Portolan::Supervisor {

// Hands out TCP ports that are free right now on an address and were not handed out
// before by this allocator, from outside the kernel's ephemeral range. Nodes' link ports must be known before they start, because
// their peers' configs name them.
class PortAllocator
{
public:
    explicit PortAllocator(const QHostAddress &address = QHostAddress::LocalHost);
    quint16 allocate();   // 0 when none could be found

private:
    QHostAddress m_address;
    QSet<quint16> m_given;
};

} // namespace Portolan::Supervisor
