#include "node/roles/pugs/childrequest.h"

namespace Portolan::Node::Pugs {

QByteArray ChildRequest::id() const
{
    return parent + '#' + tag.toUtf8();
}

std::optional<ChildRequest> ChildRequest::parse(const QByteArray &id)
{
    const qsizetype separator = id.lastIndexOf('#');
    if (separator <= 0 || separator == id.size() - 1)
        return std::nullopt;
    return ChildRequest{id.left(separator), QString::fromUtf8(id.mid(separator + 1))};
}

} // namespace Portolan::Node::Pugs
