#include "console/panels/statustone.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

QColor StatusToneStyle::color(StatusTone tone)
{
    switch (tone) {
    case StatusTone::None:
        return {};
    case StatusTone::Neutral:
        return QColor(0x8a, 0x90, 0x99);
    case StatusTone::Good:
        return QColor(0x2e, 0x9d, 0x5b);
    case StatusTone::Warning:
        return QColor(0xe0, 0x9b, 0x00);
    case StatusTone::Bad:
        return QColor(0xd6, 0x45, 0x41);
    case StatusTone::Info:
        return QColor(0x3a, 0x7b, 0xd5);
    case StatusTone::Special:
        return QColor(0x8e, 0x5b, 0xd6);
    }
    return {};
}

QIcon StatusToneStyle::dot(StatusTone tone)
{
    static QHash<int, QIcon> cache;
    if (tone == StatusTone::None)
        return {};
    auto it = cache.constFind(int(tone));
    if (it != cache.constEnd())
        return it.value();
    // Drawn at 2x and 1x so it stays crisp on high-density screens.
    QIcon icon;
    for (const int scale : {1, 2}) {
        QPixmap pixmap(12 * scale, 12 * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor fill = color(tone);
        painter.setPen(QPen(fill.darker(125), 1));
        painter.setBrush(fill);
        painter.drawEllipse(QRectF(2.5, 2.5, 7, 7));
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(int(tone), icon);
    return icon;
}

StatusTone StatusToneStyle::ofState(const QString &state)
{
    if (state == "up"_L1 || state == "attached"_L1 || state == "ready"_L1)
        return StatusTone::Good;
    if (state == "down"_L1 || state == "cut"_L1 || state == "failed"_L1 || state == "killed"_L1)
        return StatusTone::Bad;
    if (state == "draining"_L1 || state == "restoring"_L1 || state == "starting"_L1)
        return StatusTone::Warning;
    return state.isEmpty() ? StatusTone::None : StatusTone::Neutral;
}

} // namespace Portolan::Console
