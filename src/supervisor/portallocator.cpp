#include "supervisor/portallocator.h"

#include <QRandomGenerator>
#include <QTcpServer>

namespace Portolan::Supervisor {

PortAllocator::PortAllocator(const QHostAddress &address)
    : m_address(address)
{
}

quint16 PortAllocator::allocate()
{
    // Below the kernel's ephemeral range (32768 and up on Linux): a port handed out here
    // stays free until its node binds it, because nothing else picks it by chance — not
    // the control servers that listen on port 0, nor outgoing connections.
    constexpr quint32 First = 20000;
    constexpr quint32 Count = 12000;
    for (int attempt = 0; attempt < 200; ++attempt) {
        const quint16 port = quint16(First + QRandomGenerator::global()->bounded(Count));
        if (m_given.contains(port))
            continue;
        QTcpServer probe;
        if (!probe.listen(m_address, port))
            continue;
        m_given.insert(port);
        return port;
    }
    return 0;
}

} // namespace Portolan::Supervisor
