import QtQuick
import QtQuick.Layouts

// The projector view: what the timeline is doing, in type the back row can read, the
// headline figures beside the topology, and how long the last failure took to heal.
Rectangle {
    id: root

    required property QtObject presentation
    // The caption on screen; tests read it here.
    readonly property string caption: presentation ? presentation.caption : ""

    readonly property real unit: Math.max(8, Math.min(width / 160, height / 90))
    readonly property color background: "#0d1117"
    readonly property color panel: "#161b22"
    readonly property color rule: "#30363d"
    readonly property color text: "#f0f6fc"
    readonly property color muted: "#8b949e"
    readonly property color accent: "#58a6ff"
    readonly property color good: "#3fb950"
    readonly property color bad: "#f85149"
    readonly property color warn: "#d29922"

    color: background
    width: 1600
    height: 900

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: root.unit * 4
        spacing: root.unit * 2.5

        // Scenario and run state: small, out of the way.
        RowLayout {
            Layout.fillWidth: true
            Text {
                objectName: "scenarioText"
                Layout.fillWidth: true
                text: root.presentation ? root.presentation.scenarioName : ""
                color: root.muted
                font.pixelSize: root.unit * 2.2
                font.weight: Font.DemiBold
                font.letterSpacing: root.unit * 0.1
                elide: Text.ElideRight
            }
            Text {
                objectName: "runStateText"
                text: root.presentation ? root.presentation.runStateText : ""
                color: root.muted
                font.pixelSize: root.unit * 2.2
            }
        }

        // The caption: the one thing everybody must read.
        Text {
            id: captionText
            objectName: "captionText"
            Layout.fillWidth: true
            Layout.preferredHeight: root.unit * 16
            text: root.caption.length > 0 ? root.caption : qsTr("Waiting for the first step")
            color: root.caption.length > 0 ? root.text : root.muted
            font.pixelSize: root.unit * 5
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            fontSizeMode: Text.Fit
            minimumPixelSize: root.unit * 3
            verticalAlignment: Text.AlignVCenter

            Behavior on text {
                SequentialAnimation {
                    NumberAnimation { target: captionText; property: "opacity"; to: 0; duration: 120 }
                    PropertyAction {}
                    NumberAnimation { target: captionText; property: "opacity"; to: 1; duration: 240 }
                }
            }
        }

        StepProgress {
            Layout.fillWidth: true
            unit: root.unit
            stepIndex: root.presentation ? root.presentation.stepIndex : 0
            stepCount: root.presentation ? root.presentation.stepCount : 0
            label: root.presentation ? root.presentation.progressText : ""
            doneColor: root.accent
            todoColor: root.rule
            textColor: root.muted
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: root.unit * 3

            // The topology as the console draws it, refreshed every second.
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumWidth: root.unit * 40
                color: root.panel
                radius: root.unit
                border.color: root.rule
                clip: true
                Image {
                    objectName: "topologyImage"
                    anchors.fill: parent
                    anchors.margins: root.unit
                    source: root.presentation ? root.presentation.topologySource : ""
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    smooth: true
                    mipmap: true
                }
            }

            // Fixed width: without it the column, whose tiles fill their width, would
            // share the row with the picture by implicit widths and squeeze it to nothing.
            ColumnLayout {
                Layout.fillWidth: false
                Layout.preferredWidth: root.unit * 52
                Layout.maximumWidth: root.unit * 52
                Layout.fillHeight: true
                spacing: root.unit * 1.5

                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: root.unit * 1.5
                    rowSpacing: root.unit * 1.5

                    FigureTile {
                        objectName: "rateTile"
                        Layout.fillWidth: true
                        unit: root.unit
                        label: qsTr("Messages per second")
                        value: root.presentation ? root.presentation.messagesPerSecondText : ""
                        valueColor: root.accent
                        panelColor: root.panel
                        ruleColor: root.rule
                        labelColor: root.muted
                    }
                    FigureTile {
                        objectName: "deliveredTile"
                        Layout.fillWidth: true
                        unit: root.unit
                        label: qsTr("Delivered")
                        value: root.presentation ? root.presentation.deliveredText : ""
                        valueColor: root.good
                        panelColor: root.panel
                        ruleColor: root.rule
                        labelColor: root.muted
                    }
                    FigureTile {
                        objectName: "lostTile"
                        Layout.fillWidth: true
                        unit: root.unit
                        label: qsTr("Lost")
                        value: root.presentation ? root.presentation.lostText : ""
                        valueColor: root.presentation && root.presentation.lost > 0 ? root.bad : root.text
                        panelColor: root.panel
                        ruleColor: root.rule
                        labelColor: root.muted
                    }
                    FigureTile {
                        objectName: "nodesDownTile"
                        Layout.fillWidth: true
                        unit: root.unit
                        label: qsTr("Nodes down")
                        value: root.presentation ? root.presentation.nodesDownText : ""
                        valueColor: root.presentation && root.presentation.nodesDown > 0 ? root.bad : root.text
                        panelColor: root.panel
                        ruleColor: root.rule
                        labelColor: root.muted
                    }
                }
                StopwatchTile {
                    objectName: "stopwatchTile"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: implicitHeight
                    unit: root.unit
                    active: root.presentation ? root.presentation.hasStopwatch : false
                    title: root.presentation ? root.presentation.stopwatchTitle : ""
                    detection: root.presentation ? root.presentation.stopwatchDetection : ""
                    recovery: root.presentation ? root.presentation.stopwatchRecovery : ""
                    panelColor: root.panel
                    ruleColor: root.rule
                    labelColor: root.muted
                    textColor: root.text
                    accentColor: root.warn
                }
            }
        }
    }
}
