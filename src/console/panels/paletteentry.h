#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Portolan::Console {

// One thing the palette offers to drop on the map: a router (kind "interior" or "edge")
// or an entity (kind "entity") with its role and default params. Travels in a drag as
// compact JSON {kind, role, label, params} under MimeType.
struct PaletteEntry
{
    QString kind;           // "interior", "edge", "entity"
    QString role;           // the role name ("store", ...); for routers the same as kind
    QString label;          // what the palette shows
    QString icon;           // NodeGlyph role name of its picture
    QJsonObject params;     // the role's params for a new node (the lead fills ids, positions)
    QString description;    // one line under the label

    static constexpr QLatin1StringView MimeType{"application/x-portolan-palette-item"};

    QJsonObject toJson() const;   // {kind, role, label, params}
    QByteArray toMimeData() const;
    // The entry a drop carries; nullopt-like: an entry with empty kind when unreadable.
    static PaletteEntry fromMimeData(const QByteArray &data);

    friend bool operator==(const PaletteEntry &, const PaletteEntry &) = default;
};

} // namespace Portolan::Console
