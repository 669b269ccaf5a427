package whatlanggo

import "testing"

// newsText is a made-up English news article of news length (~4 KB).
const newsText = `City council approves new transit plan after marathon session

The city council voted 7-2 late on Tuesday to approve a long-debated transit plan that will add three bus rapid transit lines, extend light rail service to the airport and raise parking fees in the downtown core, ending more than two years of public hearings and revisions.

The $1.4 billion plan, which officials said would be financed through a mix of federal grants, a regional sales tax approved by voters in 2022 and the higher parking charges, is expected to break ground next spring. The first of the new bus lines could open by the end of 2026, according to the transportation department.

"This is the most significant investment in public transportation this city has made in a generation," Mayor Elena Torres said at a news conference after the vote. "People have told us for years that they want faster, more reliable ways to get to work, to school and to the doctor without sitting in traffic. Tonight we listened."

Opponents on the council argued that the plan relied too heavily on optimistic ridership forecasts and that the parking fee increase would hurt small businesses that were still recovering from the pandemic. Councilmember David Okafor, who voted against the measure, said he supported better transit in principle but could not back a plan that "asks shop owners on Main Street to carry a burden they did not create."

The debate drew hundreds of residents to City Hall, where public comment stretched for nearly six hours. Speakers included bus drivers, students, retirees, and owners of restaurants and shops in the downtown area. Several nurses from the regional medical center said the current bus service was so unreliable that they regularly arrived late for night shifts.

Under the plan, the airport extension would add four stations along the old freight corridor east of the river. Transportation officials estimated that the line would carry about 18,000 riders a day within five years of opening and would cut travel time between downtown and the terminal to 22 minutes from about 45 minutes by bus.

The three rapid bus lines would run in dedicated lanes on the city's busiest corridors, with signal priority at intersections and raised platforms for level boarding. Buses would arrive every eight minutes during peak hours, officials said, compared with every 15 to 20 minutes today.

Business groups were divided. The downtown business association, which had lobbied against the parking increase, said in a statement that it was disappointed but would work with the city on how the new revenue is spent. The regional chamber of commerce, by contrast, praised the vote and said improved transit would help employers recruit workers who cannot afford to live near their jobs.

Environmental organizations welcomed the decision, noting that transportation accounts for the largest share of the city's greenhouse gas emissions. A coalition of neighborhood groups in the eastern districts, however, asked the council to guarantee that construction would not displace long-time residents, and several members promised to introduce an anti-displacement ordinance next month.

The plan still requires approval from the regional transit authority and a final environmental review. Federal officials are expected to decide on the city's grant application in the fall. If the grant is denied, the transportation department said, the airport extension would likely be delayed by at least two years while the city looks for other sources of money.

Torres said she was confident the project would move forward. "We have done the work, we have the community behind us, and we have a plan that can be built," she said. "Now we have to deliver it."
`

var benchSink Info

func BenchmarkDetect(b *testing.B) {
	Detect(newsText) // build the lazy tables outside the timing
	b.ResetTimer()
	b.SetBytes(int64(len(newsText)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		benchSink = Detect(newsText)
	}
}

func BenchmarkDetectReference(b *testing.B) {
	b.SetBytes(int64(len(newsText)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		benchSink, _ = refDetectWithOptions(newsText, Options{})
	}
}
