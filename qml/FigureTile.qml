import QtQuick

// One headline figure: a big number over a small label.
Rectangle {
    id: tile

    property real unit: 10
    property string label
    property string value
    property color valueColor: "white"
    property color panelColor: "#161b22"
    property color ruleColor: "#30363d"
    property color labelColor: "#8b949e"

    implicitHeight: unit * 10
    color: panelColor
    radius: unit
    border.color: ruleColor

    Column {
        anchors.fill: parent
        anchors.margins: tile.unit * 1.5
        spacing: tile.unit * 0.3
        Text {
            objectName: "value"
            width: parent.width
            text: tile.value
            color: tile.valueColor
            font.pixelSize: tile.unit * 4.5
            font.weight: Font.Bold
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            text: tile.label
            color: tile.labelColor
            font.pixelSize: tile.unit * 1.9
            elide: Text.ElideRight
        }
    }
}
