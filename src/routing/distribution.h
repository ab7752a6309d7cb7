#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Portolan::Routing {

enum class Mode {
    Closest,    // lowest path cost to any consumer
    Balanced,   // least outstanding work + path cost; consumers at capacity skipped
    Multicast,  // one copy per ungrouped consumer and per group
    Keyed,      // the same key always reaches the same consumer (rendezvous hashing)
};

QString modeName(Mode mode);
std::optional<Mode> modeFromName(QStringView name);   // "closest", "balanced", "multicast", "keyed"

struct Distribution
{
    QString prefix = QStringLiteral("/");
    Mode mode = Mode::Closest;
    bool acked = true;     // settled end to end; false = fire-and-forget
    friend bool operator==(const Distribution &, const Distribution &) = default;
};

// The operator's mapping from address prefixes to distributions. Longest prefix on a
// path-segment boundary wins; anything unmatched is closest and acked.
class DistributionTable
{
public:
    void add(const Distribution &distribution);   // replaces an entry with the same prefix
    Distribution lookup(QStringView address) const;
    QList<Distribution> entries() const { return m_entries; }

private:
    QList<Distribution> m_entries;
};

} // namespace Portolan::Routing
