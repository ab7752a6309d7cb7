#pragma once

#include "wire/frames.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Portolan::Routing {

// One consumer of an address as the mesh knows it: which entity, behind which router.
struct Consumer
{
    QString subscription;  // the subscribed prefix, e.g. "/all-stores"
    QString group;         // consumer group; empty for none
    QString consumer;      // entity node id
    QString router;        // router the entity is attached to (the advert's origin)
    qint32 outstanding = 0;
    qint32 capacity = 0;   // 0 = unbounded
    friend bool operator==(const Consumer &, const Consumer &) = default;
};

// Which consumers exist behind which router, from flooded address advertisements.
// A newer advert from an origin replaces all of that origin's consumers.
class AddressTable
{
public:
    enum class ApplyResult { Newer, Stale };

    ApplyResult apply(const Wire::AddressAdvert &advert, qint64 nowMs);
    void setLocal(const Wire::AddressAdvert &advert);   // never aged out
    QStringList expire(qint64 nowMs, qint64 maxAgeMs);  // returns origins removed
    void remove(const QString &origin);

    // Consumers whose subscription is the longest prefix of address that any consumer
    // subscribed to, matching on path-segment boundaries: "/store/3" matches
    // "/store/3/hold" and "/store/3" but not "/store/32". Sorted by (router, consumer).
    QList<Consumer> match(QStringView address) const;

    QList<Wire::AddressAdvert> all() const;             // sorted by origin
    const Wire::AddressAdvert *find(const QString &origin) const;
    quint64 generation() const { return m_generation; }

private:
    struct Entry
    {
        Wire::AddressAdvert advert;
        qint64 refreshedMs = 0;
        bool local = false;
    };
    QHash<QString, Entry> m_entries;
    quint64 m_generation = 0;
};

// True when prefix equals address or is a prefix of it ending on a '/' boundary (or
// where a query string starts). A trailing '/' on the prefix is not significant.
bool addressMatches(QStringView prefix, QStringView address);

// A prefix as it is compared: without trailing '/'s, and empty for the root "/".
// Its length ranks matches: the longer, the more specific.
QStringView canonicalPrefix(QStringView prefix);

} // namespace Portolan::Routing
