#include "supervisor/portallocator.h"

#include <QTcpServer>

namespace Portolan::Supervisor {

PortAllocator::PortAllocator(const QHostAddress &address)
    : m_address(address)
{
}

quint16 PortAllocator::allocate()
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(m_address, 0))
            return 0;
        const quint16 port = probe.serverPort();
        if (!m_given.contains(port)) {
            m_given.insert(port);
            return port;
        }
    }
    return 0;
}

} // namespace Portolan::Supervisor
