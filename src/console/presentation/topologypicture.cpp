#include "console/presentation/topologypicture.h"

#include <QMutexLocker>

namespace Portolan::Console {

void TopologyPicture::set(const QImage &image)
{
    const QMutexLocker lock(&m_mutex);
    m_image = image;
}

QImage TopologyPicture::get() const
{
    const QMutexLocker lock(&m_mutex);
    return m_image;
}

} // namespace Portolan::Console
