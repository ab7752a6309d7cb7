#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

#include <utility>
#include <vector>

namespace Portolan::Node {

// Writes metrics in the Prometheus text exposition format (version 0.0.4): one HELP and
// one TYPE line per metric family, followed by all of that family's samples, so that a
// scraper never sees a family split or declared twice. It knows nothing of Portolan's
// telemetry; TelemetryMetrics decides which families exist.
class PrometheusExposition
{
public:
    enum class Type { Counter, Gauge, Untyped };
    using Labels = QList<std::pair<QString, QString>>; // name, value; written in this order

    // The Content-Type of the text this class writes.
    static constexpr const char *ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Declares a family. Declaring a name again keeps the first type and help text.
    void declare(const QString &name, Type type, const QString &help);
    // Adds a sample to a family. A family never declared is written as untyped, without help.
    void add(const QString &name, const Labels &labels, double value);
    bool isEmpty() const { return m_sampleCount == 0; }

    // The exposition: families in declaration order, families without samples left out.
    QByteArray text() const;

    // A valid metric or label name made from any text: characters outside [a-zA-Z0-9_]
    // become '_' (':' too: colons are reserved for recording rules), and a leading digit
    // gets a '_' in front.
    static QString sanitizeName(QStringView raw);
    // "noConsumer" -> "no_consumer", "latencyP50Ms" -> "latency_p50_ms", "HTTPPort" ->
    // "http_port"; the result is passed through sanitizeName().
    static QString snakeCase(QStringView camel);
    // A label value between double quotes: backslash, double quote and line feed escaped.
    static QByteArray escapeLabelValue(const QString &value);
    // HELP text: backslash and line feed escaped.
    static QByteArray escapeHelp(const QString &help);
    // A sample value: integers without a fraction or exponent, other numbers in the
    // shortest form that reads back exactly, and NaN, +Inf, -Inf as the format spells them.
    static QByteArray formatValue(double value);

private:
    struct Family
    {
        QString name;
        Type type = Type::Untyped;
        QString help;
        QByteArray samples; // complete sample lines, each ending in '\n'
    };

    Family &family(const QString &name);

    std::vector<Family> m_families;
    QHash<QString, size_t> m_index; // name -> position in m_families
    qsizetype m_sampleCount = 0;
};

} // namespace Portolan::Node
