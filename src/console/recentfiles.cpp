#include "console/recentfiles.h"

#include <QFileInfo>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

QStringList RecentFiles::files() const
{
    return QSettings().value(u"recentFiles"_s).toStringList();
}

void RecentFiles::add(const QString &file)
{
    const QString absolute = QFileInfo(file).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > Limit)
        list.removeLast();
    QSettings().setValue(u"recentFiles"_s, list);
}

void RecentFiles::remove(const QString &file)
{
    QStringList list = files();
    list.removeAll(file);
    QSettings().setValue(u"recentFiles"_s, list);
}

} // namespace Portolan::Console
