#include "scenario/scenario.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

QString SourceLocation::toString() const
{
    if (line <= 0)
        return file;
    return u"%1:%2:%3"_s.arg(file).arg(line).arg(column);
}

namespace {
template<typename T>
const T *findById(const QList<T> &list, const QString &id)
{
    for (const T &item : list) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}
} // namespace

const Provider *Scenario::provider(const QString &name) const
{
    for (const Provider &p : providers) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const Router *Scenario::router(const QString &id) const
{
    return findById(routers, id);
}

const Entity *Scenario::entity(const QString &id) const
{
    return findById(entities, id);
}

} // namespace Portolan::Scenario
