namespace T; public class A { [Fact] public void X() => Assert.Equal(2, 1+1); }
