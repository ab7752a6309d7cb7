#pragma once

#include <QColor>
#include <QList>
#include <QString>

namespace Portolan::Console {

// The providers a canvas shows, in scenario order: each with its colour (links, router
// rings, the legend), its default link cost and whether the operator took it down.
// A provider first met at run time without a colour gets one that stands apart from the
// colours already in use.
class ProviderTable
{
public:
    struct Entry
    {
        QString name;
        QColor color;
        int cost = 1;
        bool down = false;
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    void clear() { m_entries.clear(); }
    // Adds or updates a provider; an invalid colour means "pick one".
    void set(const QString &name, const QColor &color, int cost);
    // Adds a provider seen for the first time (a run-time link); no-op when known.
    void ensure(const QString &name);
    bool setDown(const QString &name, bool down);   // true when that changed anything

    bool contains(const QString &name) const { return indexOf(name) >= 0; }
    // The provider's colour; an unnamed or unknown provider is drawn in `fallback`.
    QColor color(const QString &name, const QColor &fallback) const;
    int cost(const QString &name, int fallback) const;
    bool isDown(const QString &name) const;
    const QList<Entry> &entries() const { return m_entries; }

    // The n-th automatic colour: hues spread by the golden angle, toned for a light map.
    static QColor automaticColor(int n);

private:
    int indexOf(const QString &name) const;
    QColor nextAutomaticColor() const;

    QList<Entry> m_entries;
};

} // namespace Portolan::Console
