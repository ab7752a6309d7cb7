#include "console/panels/telemetrytablemodel.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

bool TelemetryTableModel::isRouter(const QJsonObject &telemetry, const QString &roleOrKind)
{
    const QString kind = telemetry.value("kind"_L1).toString(roleOrKind);
    return kind == "interior"_L1 || kind == "edge"_L1 || kind == "router"_L1;
}

} // namespace Portolan::Console
