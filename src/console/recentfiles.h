#pragma once

#include <QStringList>

namespace Portolan::Console {

// The most recently opened scenario files, newest first, kept in QSettings.
class RecentFiles
{
public:
    static constexpr int Limit = 10;

    QStringList files() const;
    void add(const QString &file);
    void remove(const QString &file);
};

} // namespace Portolan::Console
