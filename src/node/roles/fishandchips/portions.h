#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Portolan::Node::FishAndChips {

// A count of portions per menu item ("cod", "chips", "plaice"): what an order asks for,
// what the hot cabinet holds, what a cook fries. Items with no portions are not kept, so
// two equal amounts compare equal however they were built.
class Portions
{
public:
    Portions() = default;
    Portions(std::initializer_list<std::pair<QString, qint64>> counts);

    // Reads {item: count}. nullopt when a count is not a whole number >= 0; *problem says
    // which. Zero counts are dropped.
    static std::optional<Portions> fromJson(const QJsonObject &object, QString *problem = nullptr);
    QJsonObject toJson() const;

    qint64 count(const QString &item) const { return m_counts.value(item, 0); }
    void set(const QString &item, qint64 count);
    void add(const QString &item, qint64 count) { set(item, this->count(item) + count); }
    void add(const Portions &other);

    QStringList items() const { return m_counts.keys(); }   // sorted, only non-zero
    bool isEmpty() const { return m_counts.isEmpty(); }
    qint64 total() const;
    bool has(const QString &item) const { return count(item) > 0; }
    qint64 largestCount() const;   // the largest count of any one item; 0 when empty

    friend bool operator==(const Portions &, const Portions &) = default;

private:
    QMap<QString, qint64> m_counts;   // ordered: JSON and events list items the same way
};

} // namespace Portolan::Node::FishAndChips
