#include "console/report/timeseriesexport.h"

#include <QHash>
#include <QJsonArray>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

QByteArray numberText(double value)
{
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace

QByteArray TimeSeriesExport::csvField(const QString &text)
{
    QByteArray field = text.toUtf8();
    if (field.contains(',') || field.contains('"') || field.contains('\n') || field.contains('\r')) {
        field.replace('"', "\"\"");
        field = '"' + field + '"';
    }
    return field;
}

QByteArray TimeSeriesExport::csv(const QList<Scenario::MetricSample> &samples)
{
    QByteArray out("time_ms,node,metric,value\n");
    out.reserve(out.size() + samples.size() * 40);
    for (const Scenario::MetricSample &s : samples) {
        out += QByteArray::number(s.atMs);
        out += ',';
        out += csvField(s.node);
        out += ',';
        out += csvField(s.metric);
        out += ',';
        out += numberText(s.value);
        out += '\n';
    }
    return out;
}

QJsonObject TimeSeriesExport::json(const QList<Scenario::MetricSample> &samples)
{
    struct Series
    {
        QString node;
        QString metric;
        QJsonArray points;
    };
    QList<Series> series;
    QHash<QString, QHash<QString, qsizetype>> index;   // node -> metric -> position in series
    for (const Scenario::MetricSample &s : samples) {
        QHash<QString, qsizetype> &metrics = index[s.node];
        auto it = metrics.constFind(s.metric);
        if (it == metrics.cend()) {
            it = metrics.insert(s.metric, series.size());
            series.append(Series{s.node, s.metric, {}});
        }
        series[it.value()].points.append(QJsonArray{double(s.atMs), s.value});
    }
    QJsonArray out;
    for (const Series &s : std::as_const(series))
        out.append(QJsonObject{{u"node"_s, s.node}, {u"metric"_s, s.metric}, {u"points"_s, s.points}});
    return QJsonObject{{u"timeUnit"_s, u"ms"_s}, {u"series"_s, out}};
}

} // namespace Portolan::Console
