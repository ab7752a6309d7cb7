#include "node/control/prometheusexposition.h"

#include <QLocale>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

QByteArrayView typeName(PrometheusExposition::Type type)
{
    switch (type) {
    case PrometheusExposition::Type::Counter:
        return "counter";
    case PrometheusExposition::Type::Gauge:
        return "gauge";
    case PrometheusExposition::Type::Untyped:
        break;
    }
    return "untyped";
}

bool isNameCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_';
}

} // namespace

void PrometheusExposition::declare(const QString &name, Type type, const QString &help)
{
    const QString valid = sanitizeName(name);
    if (m_index.contains(valid))
        return;
    m_index.insert(valid, m_families.size());
    m_families.push_back(Family{valid, type, help, {}});
}

PrometheusExposition::Family &PrometheusExposition::family(const QString &name)
{
    const auto it = m_index.constFind(sanitizeName(name));
    if (it != m_index.constEnd())
        return m_families[*it];
    declare(name, Type::Untyped, {});
    return m_families.back();
}

void PrometheusExposition::add(const QString &name, const Labels &labels, double value)
{
    Family &f = family(name);
    QByteArray &out = f.samples;
    out += f.name.toUtf8();
    if (!labels.isEmpty()) {
        out += '{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                out += ',';
            out += sanitizeName(labels.at(i).first).toUtf8();
            out += "=\"";
            out += escapeLabelValue(labels.at(i).second);
            out += '"';
        }
        out += '}';
    }
    out += ' ';
    out += formatValue(value);
    out += '\n';
    ++m_sampleCount;
}

QByteArray PrometheusExposition::text() const
{
    QByteArray out;
    for (const Family &f : m_families) {
        if (f.samples.isEmpty())
            continue;
        const QByteArray name = f.name.toUtf8();
        if (!f.help.isEmpty())
            out += "# HELP " + name + ' ' + escapeHelp(f.help) + '\n';
        out += "# TYPE " + name + ' ' + typeName(f.type) + '\n';
        out += f.samples;
    }
    return out;
}

QString PrometheusExposition::sanitizeName(QStringView raw)
{
    QString name;
    name.reserve(raw.size() + 1);
    for (const QChar c : raw)
        name += isNameCharacter(c) ? c : u'_';
    if (name.isEmpty() || name.front().isDigit())
        name.prepend(u'_');
    return name;
}

QString PrometheusExposition::snakeCase(QStringView camel)
{
    QString out;
    out.reserve(camel.size() + 8);
    for (qsizetype i = 0; i < camel.size(); ++i) {
        const QChar c = camel.at(i);
        if (c.isUpper() && i > 0) {
            const QChar previous = camel.at(i - 1);
            const bool nextIsLower = i + 1 < camel.size() && camel.at(i + 1).isLower();
            // A new word starts after a lower-case letter or digit ("noConsumer",
            // "p50Ms"), or at the last capital of an acronym ("HTTPPort": P of Port).
            if (previous.isLower() || previous.isDigit() || (previous.isUpper() && nextIsLower))
                out += u'_';
        }
        out += c.toLower();
    }
    return sanitizeName(out);
}

QByteArray PrometheusExposition::escapeLabelValue(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray PrometheusExposition::escapeHelp(const QString &help)
{
    const QByteArray utf8 = help.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray PrometheusExposition::formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    // Below 2^53 every integer is exact in a double: print it as one, so counters read
    // "1234" rather than "1.234e+03".
    constexpr double ExactIntegers = 9007199254740992.0;
    if (std::trunc(value) == value && std::fabs(value) < ExactIntegers)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace Portolan::Node
