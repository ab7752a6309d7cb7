#pragma once

#include <QImage>
#include <QMutex>

namespace Portolan::Console {

// The latest topology picture, shared between the GUI thread that renders it and the
// QML image loader, which may ask for it from its own thread.
class TopologyPicture
{
public:
    void set(const QImage &image);
    QImage get() const;

private:
    mutable QMutex m_mutex;
    QImage m_image;
};

} // namespace Portolan::Console
