#include "routing/distribution.h"

#include "routing/addresstable.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Routing {

QString modeName(Mode mode)
{
    switch (mode) {
    case Mode::Closest: return u"closest"_s;
    case Mode::Balanced: return u"balanced"_s;
    case Mode::Multicast: return u"multicast"_s;
    case Mode::Keyed: return u"keyed"_s;
    }
    return u"closest"_s;
}

std::optional<Mode> modeFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (Mode mode : {Mode::Closest, Mode::Balanced, Mode::Multicast, Mode::Keyed}) {
        if (trimmed.compare(modeName(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

void DistributionTable::add(const Distribution &distribution)
{
    for (Distribution &existing : m_entries) {
        if (canonicalPrefix(existing.prefix) == canonicalPrefix(distribution.prefix)) {
            existing = distribution;
            return;
        }
    }
    m_entries.append(distribution);
}

Distribution DistributionTable::lookup(QStringView address) const
{
    // Longest matching prefix wins; prefixes are compared without a trailing '/', the
    // same way subscriptions are.
    const Distribution *best = nullptr;
    qsizetype bestLength = -1;
    for (const Distribution &d : m_entries) {
        if (!addressMatches(d.prefix, address))
            continue;
        const qsizetype length = canonicalPrefix(d.prefix).size();
        if (length > bestLength) {
            best = &d;
            bestLength = length;
        }
    }
    return best ? *best : Distribution{};
}

} // namespace Portolan::Routing
