#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Portolan::Node::Pugs {

// The request id of a message an entity sends on behalf of a request it is serving:
// "<parent>#<tag>", e.g. the inventory question a store asks store 7 while finding an
// item for request R is "R#nearby-7". Answers carry the id back, so the entity finds the
// request an answer belongs to from the id alone (also after a restart, when nothing of
// the exchange is left in memory), and traces show which request caused the question.
struct ChildRequest
{
    QByteArray parent;
    QString tag;

    QByteArray id() const;

    // Splits at the last '#' (a parent id may itself contain '#'); nullopt without one.
    static std::optional<ChildRequest> parse(const QByteArray &id);
};

} // namespace Portolan::Node::Pugs
