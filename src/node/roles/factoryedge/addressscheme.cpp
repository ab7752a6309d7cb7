#include "node/roles/factoryedge/addressscheme.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FactoryEdge {

QString AddressScheme::workOrders()
{
    return u"/factories/work-orders"_s;
}

QString AddressScheme::factory(int number)
{
    return u"/factory/"_s + QString::number(number);
}

QString AddressScheme::materialRequests()
{
    return u"/warehouses/materials"_s;
}

QString AddressScheme::warehouse(int number)
{
    return u"/warehouse/"_s + QString::number(number);
}

QString AddressScheme::jobs(const QString &site)
{
    return u"/jobs/"_s + site;
}

QString AddressScheme::devices(const QString &site)
{
    return u"/devices/"_s + site;
}

QString AddressScheme::device(const QString &site, int number)
{
    return u"/device/"_s + site + u'/' + QString::number(number);
}

QString AddressScheme::topic(const QString &name)
{
    return u"/topics/"_s + name;
}

QString AddressScheme::orderDesks()
{
    return u"/order-desks"_s;
}

QString AddressScheme::orderDesk(const QString &nodeId)
{
    return u"/order-desk/"_s + nodeId;
}

bool AddressScheme::isValidSite(const QString &site)
{
    return !site.isEmpty() && std::all_of(site.cbegin(), site.cend(), [](QChar c) {
        return (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_';
    });
}

bool AddressScheme::isUnder(const QString &path, const QString &base)
{
    return path == base || (path.size() > base.size() && path.startsWith(base) && path.at(base.size()) == u'/');
}

QString AddressScheme::below(const QString &path, const QString &base)
{
    if (!isUnder(path, base) || path.size() == base.size())
        return {};
    QString rest = path.mid(base.size() + 1);
    while (rest.endsWith(u'/'))
        rest.chop(1);
    return rest;
}

} // namespace Portolan::Node::FactoryEdge
