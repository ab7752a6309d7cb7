#include "console/canvas/providertable.h"

#include <cmath>

namespace Portolan::Console {

int ProviderTable::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).name == name)
            return int(i);
    }
    return -1;
}

void ProviderTable::set(const QString &name, const QColor &color, int cost)
{
    const int index = indexOf(name);
    const QColor chosen = color.isValid() ? color : (index >= 0 ? m_entries.at(index).color : nextAutomaticColor());
    if (index >= 0) {
        m_entries[index].color = chosen;
        m_entries[index].cost = cost;
        return;
    }
    m_entries.append(Entry{name, chosen, cost, false});
}

void ProviderTable::ensure(const QString &name)
{
    if (name.isEmpty() || contains(name))
        return;
    m_entries.append(Entry{name, nextAutomaticColor(), 1, false});
}

bool ProviderTable::setDown(const QString &name, bool down)
{
    const int index = indexOf(name);
    if (index < 0 || m_entries.at(index).down == down)
        return false;
    m_entries[index].down = down;
    return true;
}

QColor ProviderTable::color(const QString &name, const QColor &fallback) const
{
    const int index = indexOf(name);
    return index >= 0 ? m_entries.at(index).color : fallback;
}

int ProviderTable::cost(const QString &name, int fallback) const
{
    const int index = indexOf(name);
    return index >= 0 ? m_entries.at(index).cost : fallback;
}

bool ProviderTable::isDown(const QString &name) const
{
    const int index = indexOf(name);
    return index >= 0 && m_entries.at(index).down;
}

QColor ProviderTable::automaticColor(int n)
{
    constexpr double GoldenAngle = 137.507764;
    const double hue = std::fmod(210.0 + n * GoldenAngle, 360.0);
    return QColor::fromHsvF(float(hue / 360.0), 0.72f, 0.78f);
}

QColor ProviderTable::nextAutomaticColor() const
{
    // Skip automatic colours too close to ones the scenario already uses.
    for (int n = 0;; ++n) {
        const QColor candidate = automaticColor(n);
        bool clashes = false;
        for (const Entry &entry : m_entries) {
            const int hueDistance = std::abs(entry.color.hsvHue() - candidate.hsvHue());
            if (std::min(hueDistance, 360 - hueDistance) < 24) {
                clashes = true;
                break;
            }
        }
        if (!clashes || n > 64)
            return candidate;
    }
}

} // namespace Portolan::Console
