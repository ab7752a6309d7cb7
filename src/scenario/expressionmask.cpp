#include "scenario/expressionmask.h"

#include "scenario/expressions.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

namespace {

constexpr int MaxDepth = 64;

bool isAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

// An expression masked inside a quoted scalar was never unescaped by YAML: do it now, so
// that it reads exactly as it would have without the mask.
QString unescaped(const QString &text, char style)
{
    if (style == '\'')
        return QString(text).replace(u"''"_s, u"'"_s);
    if (style != '"')
        return text;
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const QChar e = text.at(++i);
        switch (e.unicode()) {
        case 't':
            out += u'\t';
            break;
        case 'n':
            out += u'\n';
            break;
        case 'r':
            out += u'\r';
            break;
        case '0':
            out += QChar(0);
            break;
        case 'x':
        case 'u': {
            const qsizetype n = e == u'x' ? 2 : 4;
            bool ok = false;
            const uint code = text.mid(i + 1, n).toUInt(&ok, 16);
            if (ok && i + n < text.size()) {
                out += QChar(char16_t(code));
                i += n;
            } else {
                out += u'\\';
                out += e;
            }
            break;
        }
        default:   // \\, \", \/ and "\ " stand for the character itself
            out += e;
            break;
        }
    }
    return out;
}

} // namespace

QByteArray ExpressionMask::mask(const QByteArray &yaml)
{
    QByteArray masked = yaml;
    if (!yaml.contains("${"))
        return masked;
    qsizetype lineStart = 0;
    while (lineStart < yaml.size()) {
        qsizetype lineEnd = yaml.indexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = yaml.size();
        const QByteArray line = yaml.mid(lineStart, lineEnd - lineStart);
        if (line.contains("${"))
            maskLine(yaml, QString::fromUtf8(line), lineStart, masked);
        lineStart = lineEnd + 1;
    }
    return masked;
}

void ExpressionMask::maskLine(const QByteArray &yaml, const QString &line, qsizetype lineStart, QByteArray &masked)
{
    qsizetype from = 0;
    while ((from = line.indexOf(u"${"_s, from)) >= 0) {
        if (from > 0 && line.at(from - 1) == u'$') {   // "$${" is a literal "${"
            from += 2;
            continue;
        }
        const qsizetype end = Expressions::closingBrace(line, from + 2);
        if (end < 0)
            return;
        const QString expression = line.mid(from, end - from + 1);
        // ASCII only: then the placeholder has as many bytes as the expression.
        if (isAscii(expression)) {
            if (const std::optional<QByteArray> placeholder = placeholderFor(expression.toLatin1(), yaml)) {
                const qsizetype offset = lineStart + line.left(from).toUtf8().size();
                masked.replace(offset, placeholder->size(), *placeholder);
            }
        }
        from = end + 1;
    }
}

std::optional<QByteArray> ExpressionMask::placeholderFor(const QByteArray &expression, const QByteArray &yaml)
{
    static constexpr char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const auto cached = m_placeholders.constFind(expression);
    if (cached != m_placeholders.constEnd())
        return *cached;

    // "$^" + id + "^" in as many characters as the expression: the shortest, "${i}",
    // leaves one base-62 digit, which still names 62 different one-letter expressions.
    const qsizetype width = expression.size() - 3;
    if (width < 1)
        return std::nullopt;
    qint64 capacity = 1;
    for (qsizetype i = 0; i < width && capacity < (qint64(1) << 40); ++i)
        capacity *= 62;
    qint64 &next = m_nextId[expression.size()];
    while (next < capacity) {
        qint64 id = next++;
        QByteArray placeholder(expression.size(), '^');
        placeholder[0] = '$';
        for (qsizetype i = width; i >= 1; --i, id /= 62)
            placeholder[i + 1] = digits[id % 62];
        if (yaml.contains(placeholder))
            continue;   // the file itself holds this text: it cannot mark an expression
        m_placeholders.insert(expression, placeholder);
        m_expressions.insert(QString::fromLatin1(placeholder), QString::fromLatin1(expression));
        return placeholder;
    }
    return std::nullopt;
}

QString ExpressionMask::restore(const QString &scalar, char style) const
{
    QString out;
    qsizetype i = 0;
    for (qsizetype at = scalar.indexOf(u"$^"_s); at >= 0; at = scalar.indexOf(u"$^"_s, i)) {
        const qsizetype close = scalar.indexOf(u'^', at + 2);
        const auto expression =
            close < 0 ? m_expressions.constEnd() : m_expressions.constFind(scalar.mid(at, close - at + 1));
        out += QStringView(scalar).mid(i, at - i);
        if (expression == m_expressions.constEnd()) {
            out += u"$^"_s;
            i = at + 2;
        } else {
            out += unescaped(*expression, style);
            i = close + 1;
        }
    }
    out += QStringView(scalar).mid(i);
    return out;
}

void ExpressionMask::unmask(YAML::Node root, const QByteArray &source)
{
    if (m_expressions.isEmpty())
        return;
    QSet<std::pair<int, int>> visited;
    unmaskNode(root, source, visited, 0);
}

void ExpressionMask::unmaskNode(YAML::Node node, const QByteArray &source, QSet<std::pair<int, int>> &visited,
                                int depth)
{
    // Aliases share nodes: each is restored once, and a cycle of aliases ends here too.
    const YAML::Mark mark = node.Mark();
    const std::pair<int, int> identity{mark.pos, int(node.Type())};
    if (depth > MaxDepth || (!mark.is_null() && visited.contains(identity)))
        return;
    if (!mark.is_null())
        visited.insert(identity);

    if (node.IsScalar()) {
        const QString scalar = QString::fromStdString(node.Scalar());
        if (!scalar.contains(u"$^"_s))
            return;
        // The scalar's first character says how YAML read it: quoted ones were unescaped.
        const char style = mark.pos >= 0 && mark.pos < source.size() ? source.at(mark.pos) : ' ';
        node = restore(scalar, style).toStdString();   // in place: the tree shares the node
    } else if (node.IsSequence()) {
        for (auto it = node.begin(); it != node.end(); ++it)
            unmaskNode(*it, source, visited, depth + 1);
    } else if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            unmaskNode(it->first, source, visited, depth + 1);
            unmaskNode(it->second, source, visited, depth + 1);
        }
    }
}

} // namespace Portolan::Scenario
