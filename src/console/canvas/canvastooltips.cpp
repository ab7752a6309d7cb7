#include "console/canvas/canvastooltips.h"

#include "console/canvas/linkitem.h"
#include "console/canvas/nodeitem.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

QString linkStateText(LinkState state)
{
    switch (state) {
    case LinkState::Up:
        return CanvasToolTips::tr("up");
    case LinkState::Down:
        return CanvasToolTips::tr("down");
    case LinkState::Cut:
        return CanvasToolTips::tr("cut by the operator");
    case LinkState::Unknown:
        break;
    }
    return CanvasToolTips::tr("not reported yet");
}

QString rateText(double rate)
{
    return CanvasToolTips::tr("%1 frames/s").arg(QString::number(rate, 'f', rate < 10 ? 1 : 0));
}

} // namespace

QString CanvasToolTips::forNode(const NodeItem &node)
{
    QString what;
    if (node.kind() == "interior"_L1)
        what = tr("interior router");
    else if (node.kind() == "edge"_L1)
        what = tr("edge router");
    else
        what = node.role().isEmpty() ? tr("entity") : node.role();
    QStringList lines;
    lines << u"<b>%1</b> &mdash; %2"_s.arg(node.id().toHtmlEscaped(), what.toHtmlEscaped());
    if (!node.label().isEmpty() && node.label() != node.id())
        lines << node.label().toHtmlEscaped();
    QString state = tr("State: %1").arg(nodeStatusText(node.status()));
    const QString version = node.telemetry().value("version"_L1).toString();
    if (!version.isEmpty())
        state += u" · "_s + tr("version %1").arg(version);
    lines << state.toHtmlEscaped();
    if (node.isRouter() && !node.provider().isEmpty())
        lines << tr("Provider: %1").arg(node.provider()).toHtmlEscaped();
    if (node.isEntity() && !node.currentRouter().isEmpty())
        lines << tr("Attached to: %1").arg(node.currentRouter()).toHtmlEscaped();
    if (node.queueBadge() > 0)
        lines << (node.isRouter() ? tr("In flight: %1") : tr("Backlog: %1")).arg(node.queueBadge()).toHtmlEscaped();
    if (node.collapsedDevices() > 0)
        lines << tr("Devices folded in: %1").arg(node.collapsedDevices()).toHtmlEscaped();
    return lines.join(u"<br>"_s);
}

QString CanvasToolTips::forLink(const LinkItem &link)
{
    const QString a = link.nodeA()->id();
    const QString b = link.nodeB()->id();
    QStringList lines;
    lines << u"<b>%1 &mdash; %2</b>"_s.arg(a.toHtmlEscaped(), b.toHtmlEscaped());
    const QString provider = link.provider().isEmpty() ? tr("no provider") : link.provider();
    lines << tr("Provider: %1 · cost %2").arg(provider).arg(link.cost()).toHtmlEscaped();
    lines << tr("State: %1").arg(linkStateText(link.state())).toHtmlEscaped();
    if (link.state() == LinkState::Up) {
        lines << tr("Traffic: %1 (%2 → %3: %4, %3 → %2: %5)")
                     .arg(rateText(link.rate()), a, b, rateText(link.rateFrom(link.nodeA())),
                          rateText(link.rateFrom(link.nodeB())))
                     .toHtmlEscaped();
    }
    return lines.join(u"<br>"_s);
}

} // namespace Portolan::Console
