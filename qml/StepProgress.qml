import QtQuick

// Progress through the timeline: one segment per step, the fired ones lit.
Item {
    id: progress

    property real unit: 10
    property int stepIndex: 0
    property int stepCount: 0
    property string label
    property color doneColor: "#58a6ff"
    property color todoColor: "#30363d"
    property color textColor: "#8b949e"

    implicitHeight: unit * 5

    Row {
        id: segments
        anchors.left: parent.left
        anchors.right: labelText.left
        anchors.rightMargin: progress.unit * 2
        anchors.verticalCenter: parent.verticalCenter
        spacing: progress.unit * 0.5
        Repeater {
            model: progress.stepCount
            Rectangle {
                id: segment
                required property int index
                width: progress.stepCount > 0
                       ? (segments.width - segments.spacing * (progress.stepCount - 1)) / progress.stepCount : 0
                height: progress.unit * 1.2
                radius: segment.height / 2
                color: segment.index < progress.stepIndex ? progress.doneColor : progress.todoColor
                Behavior on color { ColorAnimation { duration: 300 } }
            }
        }
    }
    Text {
        id: labelText
        objectName: "progressText"
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        text: progress.label
        color: progress.textColor
        font.pixelSize: progress.unit * 2.2
    }
}
