#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <optional>
#include <utility>

namespace YAML {
class Node;
}

namespace Portolan::Scenario {

// Lets ${...} stand wherever a YAML scalar can, also inside [...] and {...} and with ": "
// or " #" in it, where YAML itself would take the braces, commas, colons and hashes for
// structure: before parsing, each expression is swapped for a placeholder of the same
// length made of characters YAML reads as plain text ("$^" id "^"); after parsing, every
// scalar gets its expressions back. The same length keeps every line:column as written.
// Expressions that span lines or hold non-ASCII characters are left as they are (quoted,
// they still work). One mask serves one file: mask() its text, parse, unmask() the tree.
class ExpressionMask
{
public:
    QByteArray mask(const QByteArray &yaml);
    void unmask(YAML::Node root, const QByteArray &source);

private:
    void maskLine(const QByteArray &yaml, const QString &line, qsizetype lineStart, QByteArray &masked);
    std::optional<QByteArray> placeholderFor(const QByteArray &expression, const QByteArray &yaml);
    QString restore(const QString &scalar, char style) const;
    void unmaskNode(YAML::Node node, const QByteArray &source, QSet<std::pair<int, int>> &visited, int depth);

    QHash<QByteArray, QByteArray> m_placeholders;   // expression as written -> placeholder
    QHash<QString, QString> m_expressions;          // placeholder -> expression as written
    QHash<qsizetype, qint64> m_nextId;              // next free id, per length
};

} // namespace Portolan::Scenario
