#include "console/panels/seriesnaming.h"

#include "console/panels/displayformat.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Portolan::Console::SeriesNaming", text);
}

constexpr QLatin1Char KeySeparator('\t');

} // namespace

QString SeriesNaming::queueDepth()
{
    return u"queueDepth"_s;
}

QString SeriesNaming::queue(const QString &address)
{
    return u"queues."_s + address;
}

QString SeriesNaming::linkRate(const QString &peer)
{
    return u"links."_s + peer + u".rate"_s;
}

QString SeriesNaming::counter(const QString &name)
{
    return u"counters."_s + name;
}

QString SeriesNaming::data(const QString &path)
{
    return u"data."_s + path;
}

QString SeriesNaming::latencyP50()
{
    return u"latency.p50"_s;
}

QString SeriesNaming::latencyP99()
{
    return u"latency.p99"_s;
}

QString SeriesNaming::label(const QString &metric)
{
    if (metric == queueDepth())
        return tr("Queue depth (all addresses)");
    if (metric == latencyP50())
        return tr("Delivery latency p50 (ms)");
    if (metric == latencyP99())
        return tr("Delivery latency p99 (ms)");
    if (metric.startsWith("queues."_L1))
        return tr("Queue %1").arg(metric.mid(7));
    if (metric.startsWith("links."_L1) && metric.endsWith(".rate"_L1))
        return tr("Link to %1 (frames/s)").arg(metric.mid(6, metric.size() - 6 - 5));
    if (metric.startsWith("counters."_L1))
        return tr("%1 (count)").arg(DisplayFormat::humanize(metric.mid(9)));
    if (metric.startsWith("data."_L1)) {
        const QStringList keys = metric.mid(5).split(u'.');
        QStringList words;
        for (const QString &k : keys)
            words.append(words.isEmpty() ? DisplayFormat::humanize(k) : k);
        return words.join(u" › "_s);
    }
    return metric;
}

QString SeriesNaming::shortLabel(const QString &metric)
{
    if (metric == queueDepth())
        return tr("queue depth");
    if (metric == latencyP50())
        return tr("latency p50");
    if (metric == latencyP99())
        return tr("latency p99");
    if (metric.startsWith("queues."_L1))
        return tr("queue %1").arg(metric.mid(7));
    if (metric.startsWith("links."_L1) && metric.endsWith(".rate"_L1))
        return tr("link %1 rate").arg(metric.mid(6, metric.size() - 6 - 5));
    if (metric.startsWith("counters."_L1))
        return DisplayFormat::humanize(metric.mid(9)).toLower();
    if (metric.startsWith("data."_L1))
        return label(metric).toLower();
    return metric;
}

QString SeriesNaming::nodeLabel(const QString &node)
{
    return node.isEmpty() ? tr("Mesh") : node;
}

QString SeriesNaming::key(const QString &node, const QString &metric)
{
    return node + KeySeparator + metric;
}

QString SeriesNaming::nodeOfKey(const QString &key)
{
    return key.section(KeySeparator, 0, 0);
}

QString SeriesNaming::metricOfKey(const QString &key)
{
    return key.section(KeySeparator, 1);
}

} // namespace Portolan::Console
