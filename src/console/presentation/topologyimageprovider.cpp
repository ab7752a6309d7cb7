#include "console/presentation/topologyimageprovider.h"

#include "console/presentation/topologypicture.h"

namespace Portolan::Console {

TopologyImageProvider::TopologyImageProvider(std::shared_ptr<const TopologyPicture> picture)
    : QQuickImageProvider(QQuickImageProvider::Image)
    , m_picture(std::move(picture))
{
}

QImage TopologyImageProvider::requestImage(const QString &, QSize *size, const QSize &requestedSize)
{
    QImage image = m_picture->get();
    if (image.isNull()) {
        // Before the first render: a transparent pixel, so QML shows nothing rather than an error.
        image = QImage(1, 1, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
    }
    if (requestedSize.isValid() && !requestedSize.isEmpty() && image.size() != requestedSize)
        image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (size)
        *size = image.size();
    return image;
}

} // namespace Portolan::Console
