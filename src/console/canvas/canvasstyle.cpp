#include "console/canvas/canvasstyle.h"

#include <QGuiApplication>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Portolan::Console {

namespace {

QColor mixed(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t), float(a.alphaF() * (1 - t) + b.alphaF() * t));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5f;
}

} // namespace

CanvasStyle::CanvasStyle()
{
    // Sizes in scene units (map coordinates), so text scales with the map like the icons.
    m_labelFont = QGuiApplication::font();
    m_labelFont.setPixelSize(11);
    m_labelFont.setWeight(QFont::DemiBold);
    m_subLabelFont = QGuiApplication::font();
    m_subLabelFont.setPixelSize(9);
    m_badgeFont = QGuiApplication::font();
    m_badgeFont.setPixelSize(9);
    m_badgeFont.setWeight(QFont::Bold);
    setPalette(QGuiApplication::palette());
}

void CanvasStyle::setPalette(const QPalette &palette)
{
    m_palette = palette;
    m_pixmaps.clear();
    ++m_generation;
}

QColor CanvasStyle::subLabelText() const
{
    return mixed(m_palette.color(QPalette::Text), m_palette.color(QPalette::Base), 0.35);
}

QColor CanvasStyle::labelBackground() const
{
    QColor base = m_palette.color(QPalette::Base);
    base.setAlpha(215);
    return base;
}

QColor CanvasStyle::trace() const
{
    // Magenta: no provider colour or map art uses it, so the path stands out on any map
    // and in either theme.
    return isDark(m_palette) ? QColor(0xff, 0x4f, 0xb4) : QColor(0xd8, 0x1b, 0x84);
}

QColor CanvasStyle::attachment() const
{
    QColor c = m_palette.color(QPalette::Text);
    c.setAlpha(110);
    return c;
}

QColor CanvasStyle::unknownProvider() const
{
    return mixed(m_palette.color(QPalette::Text), m_palette.color(QPalette::Base), 0.45);
}

QColor CanvasStyle::outsideMap() const
{
    return mixed(m_palette.color(QPalette::Window), m_palette.color(QPalette::Dark), isDark(m_palette) ? 0.3 : 0.12);
}

QColor CanvasStyle::gridBase() const
{
    return m_palette.color(QPalette::Base);
}

QColor CanvasStyle::gridMinor() const
{
    return mixed(m_palette.color(QPalette::Base), m_palette.color(QPalette::Text), 0.06);
}

QColor CanvasStyle::gridMajor() const
{
    return mixed(m_palette.color(QPalette::Base), m_palette.color(QPalette::Text), 0.14);
}

double CanvasStyle::levelOfDetail(const QPainter *painter)
{
    return QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
}

double CanvasStyle::levelOfDetail(const QTransform &world)
{
    return QStyleOptionGraphicsItem::levelOfDetailFromTransform(world);
}

qreal CanvasStyle::devicePixelRatio(const QPainter *painter)
{
    return painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
}

} // namespace Portolan::Console
