#include "console/panels/palettemodel.h"

#include "console/panels/nodeglyph.h"

#include <QMimeData>

namespace Portolan::Console {

PaletteModel::PaletteModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void PaletteModel::setEntries(const QList<PaletteEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int PaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant PaletteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PaletteEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return e.label;
    case Qt::DecorationRole:
        return NodeGlyph::icon(e.icon.isEmpty() ? e.role : e.icon);
    case Qt::ToolTipRole:
        return e.description.isEmpty() ? tr("Drag onto the map to start a %1").arg(e.label)
                                       : tr("%1\nDrag onto the map to start one.").arg(e.description);
    case DescriptionRole:
        return e.description;
    case KindRole:
        return e.kind;
    case RoleNameRole:
        return e.role;
    case EntryJsonRole:
        return e.toJson();
    default:
        return {};
    }
}

Qt::ItemFlags PaletteModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList PaletteModel::mimeTypes() const
{
    return {QString(PaletteEntry::MimeType)};
}

QMimeData *PaletteModel::mimeData(const QModelIndexList &indexes) const
{
    // One item per drag: the first valid index.
    for (const QModelIndex &index : indexes) {
        if (!index.isValid() || index.model() != this)
            continue;
        const PaletteEntry &e = m_entries.at(index.row());
        auto *mime = new QMimeData;
        mime->setData(QString(PaletteEntry::MimeType), e.toMimeData());
        mime->setText(e.label);
        return mime;
    }
    return nullptr;
}

Qt::DropActions PaletteModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

} // namespace Portolan::Console
