#pragma once

#include <QQuickImageProvider>

#include <memory>

namespace Portolan::Console {

class TopologyPicture;

// Serves "image://topology/<revision>" to QML: the picture the presentation model last
// rendered. The revision in the URL only defeats QML's image cache.
class TopologyImageProvider : public QQuickImageProvider
{
public:
    explicit TopologyImageProvider(std::shared_ptr<const TopologyPicture> picture);

    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

private:
    std::shared_ptr<const TopologyPicture> m_picture;
};

} // namespace Portolan::Console
