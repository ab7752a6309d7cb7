import QtQuick

// The last failure stopwatch: what broke, when the mesh noticed and when it rerouted.
Rectangle {
    id: tile

    property real unit: 10
    property bool active: false
    property string title
    property string detection
    property string recovery
    property color panelColor: "#161b22"
    property color ruleColor: "#30363d"
    property color labelColor: "#8b949e"
    property color textColor: "white"
    property color accentColor: "#d29922"

    implicitHeight: unit * 16
    color: panelColor
    radius: unit
    border.color: active ? accentColor : ruleColor

    Column {
        anchors.fill: parent
        anchors.margins: tile.unit * 1.5
        spacing: tile.unit * 0.8

        Text {
            width: parent.width
            text: qsTr("Failure stopwatch")
            color: tile.labelColor
            font.pixelSize: tile.unit * 1.9
        }
        Text {
            width: parent.width
            text: tile.active ? tile.title : qsTr("No failure yet")
            color: tile.active ? tile.accentColor : tile.labelColor
            font.pixelSize: tile.unit * 2.8
            font.weight: Font.DemiBold
            elide: Text.ElideRight
        }
        Grid {
            visible: tile.active
            columns: 2
            columnSpacing: tile.unit * 1.5
            rowSpacing: tile.unit * 0.4
            Text {
                text: qsTr("noticed after")
                color: tile.labelColor
                font.pixelSize: tile.unit * 2
            }
            Text {
                objectName: "detection"
                text: tile.detection
                color: tile.textColor
                font.pixelSize: tile.unit * 2.6
                font.weight: Font.Bold
            }
            Text {
                text: qsTr("rerouted after")
                color: tile.labelColor
                font.pixelSize: tile.unit * 2
            }
            Text {
                objectName: "recovery"
                text: tile.recovery
                color: tile.textColor
                font.pixelSize: tile.unit * 2.6
                font.weight: Font.Bold
            }
        }
    }
}
