#include "console/panels/paletteentry.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

QJsonObject PaletteEntry::toJson() const
{
    return {{u"kind"_s, kind}, {u"role"_s, role}, {u"label"_s, label}, {u"params"_s, params}};
}

QByteArray PaletteEntry::toMimeData() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

PaletteEntry PaletteEntry::fromMimeData(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    const QJsonObject o = doc.object();
    PaletteEntry e;
    e.kind = o.value("kind"_L1).toString();
    e.role = o.value("role"_L1).toString();
    e.label = o.value("label"_L1).toString();
    e.params = o.value("params"_L1).toObject();
    e.icon = e.role.isEmpty() ? e.kind : e.role;
    return e;
}

} // namespace Portolan::Console
